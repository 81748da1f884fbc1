from wagtail import hooks

from ips.viewsets import ProgramGroup


@hooks.register("register_admin_viewset")
def register_program_viewsets():
    return ProgramGroup()
