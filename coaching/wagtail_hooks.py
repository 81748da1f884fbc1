from wagtail import hooks

from coaching.viewsets import CoachingGroup


@hooks.register("register_admin_viewset")
def register_coaching_viewsets():
    return CoachingGroup()
