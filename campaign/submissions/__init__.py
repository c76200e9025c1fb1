"""The shared kernel for public submissions: what events and stories both need to take
content from people without an account and keep it safe until a moderator approves it.

- ``moderation``: Wagtail workflows for pages the public submits, and moderators' notices.
- ``tokens``: signed, revocable private links (``PrivateLink``) to manage a submission.
- ``responses``: how pages behind a private link are served (never cached or indexed).
- ``emails``: emails to submitters and moderators, sent by a task that retries; one-line subjects.
- ``slugs``: unique slugs, and slugs that follow a redacted title until first publication.
- ``images``: storing a submitted, cleaned photo as a Wagtail image in its own collection.
- ``antispam``: honeypot, fill time, rate limits and link counts for every public form.
- ``uploads``: checking and re-encoding uploaded images.
- ``purge``: the registry of personal-data purges that apps add and one command runs.

Apps import this kernel; the kernel imports no app.
"""
