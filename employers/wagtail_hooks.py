from wagtail import hooks

from employers.viewsets import EmployersGroup


@hooks.register("register_admin_viewset")
def register_employer_viewsets():
    return EmployersGroup()
