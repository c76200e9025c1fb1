from stories.models import StoryPage, StorySubmission


def latest_submission() -> StorySubmission:
    return StorySubmission.objects.select_related("page").latest("pk")


def approve(page: StoryPage, user):
    page.current_workflow_task_state.approve(user=user)
    page.refresh_from_db()
    return page


def reject(page: StoryPage, user, comment: str = ""):
    page.current_workflow_task_state.reject(user=user, comment=comment)
    page.refresh_from_db()
    return page
