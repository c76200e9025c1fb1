"""Admin listings of records only the system writes: viewed, filtered and exported, never added or edited.

Tracking runs, organisers' private records and the like are written by the tracker, the
public forms and the purges. Offering "Add" or "Edit" for them in the admin invites a record
that never happened, or a changed one that misleads. ``ReadOnlyPermissionPolicy`` keeps the
model's own view permission (superusers have it) and refuses add, change and delete, so
Wagtail's generic views show no such buttons and refuse the URLs.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy

WRITE_ACTIONS = frozenset({"add", "change", "delete"})


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action not in WRITE_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        readable = [action for action in actions if action not in WRITE_ACTIONS]
        if not readable:
            return get_user_model().objects.none()
        return super().users_with_any_permission(readable)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        readable = [action for action in actions if action not in WRITE_ACTIONS]
        if not readable:
            return self.model._default_manager.none()
        return super().instances_user_has_any_permission_for(user, readable)
