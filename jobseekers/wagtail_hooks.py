from wagtail import hooks

from jobseekers.viewsets import JobSeekersGroup


@hooks.register("register_admin_viewset")
def register_jobseeker_viewsets():
    return JobSeekersGroup()


import jobseekers.matching.wagtail_hooks  # noqa: E402, F401  (the recommender's hooks)
