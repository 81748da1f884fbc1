"""Helpers for workspace view tests: the registered viewsets, their home rows, form data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.urls import reverse
from wagtail.admin.viewsets import viewsets as registry
from wagtail.admin.viewsets.model import ModelViewSet

from ips.models import Program
from ips.workspace import ScopedModelViewSet
from tests.factories import FACTORIES, JobFactory

OUR_APPS = ("ips", "employers", "jobseekers", "coaching")


def workspace_viewsets() -> list[ModelViewSet]:
    """Every model viewset our apps register in the Wagtail admin."""
    reverse("wagtailadmin_home")  # loading the admin URLs populates the registry
    return [
        vs
        for vs in registry.viewsets
        if isinstance(vs, ModelViewSet) and vs.model._meta.app_label in OUR_APPS
    ]


def is_scoped(viewset) -> bool:
    return isinstance(viewset, ScopedModelViewSet)


def seeker_of(obj):
    """The job seeker a row is about, if any."""
    for path in ("seeker", "job.seeker", "assessment.seeker", "goal.seeker"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
        if target is not None:
            return target
    return obj if obj._meta.model_name == "jobseeker" else None


def home_row(viewset, program: Program):
    """A row the viewset shows, in `program`, about a seeker who holds a job (so that the
    program's coach may reach it where the design lets coaches see it)."""
    if viewset.model is Program:
        return program
    factory = FACTORIES[viewset.model]
    obj = factory(program=program) if is_scoped(viewset) else factory()
    seeker = seeker_of(obj)
    if seeker is not None and not seeker.jobs.exists():
        JobFactory(seeker=seeker)
    return obj


def form_data(form) -> dict:
    """What a browser would post back for an unbound form showing its initial values."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    version = getattr(form.instance, "version", None)
    if version is not None:
        data["version"] = str(version)  # the edit page's hidden stale-copy field
    return data


def edited(form, data: dict) -> tuple[str, object, object]:
    """A field to change: (name, value to post, value the row should then hold).
    The first free-text field with room, else a yes/no, a date or a number."""
    model = form._meta.model
    # Form-only fields (e.g. "it is a different business") are not the row's.
    model_fields = {f.name for f in model._meta.get_fields()}
    fields = [model._meta.get_field(name) for name in form.fields if name in model_fields]
    for f in fields:
        text = isinstance(f, models.CharField | models.TextField) and not f.choices
        current = data.get(f.name, "")
        if text and f.name != "ref" and (f.max_length or 999) >= len(current) + 9:
            new = (current + " (edited)").strip()
            return f.name, new, new
    for f in fields:
        if type(f) is models.BooleanField and not f.null:
            now = f.name in data
            data.pop(f.name, None)
            return f.name, ("on" if not now else None), not now
    for f in fields:
        if isinstance(f, models.DateField) and data.get(f.name):
            new = dt.date.fromisoformat(data[f.name]) + dt.timedelta(days=1)
            return f.name, new.isoformat(), new
    for f in fields:
        if isinstance(f, models.DecimalField | models.FloatField | models.IntegerField):
            if data.get(f.name) and not f.choices:
                new = Decimal(data[f.name]) + 1
                return f.name, str(new), new
    for f in fields:  # a row with only links to edit (a match): another row it may link to
        if isinstance(f, models.ForeignKey) and f.name != "program":
            other = form.fields[f.name].queryset.exclude(pk=data.get(f.name)).first()
            if other is not None:
                return f.name, str(other.pk), other.pk
    raise AssertionError(f"{model.__name__}: no field to edit")


def snapshot(obj) -> dict:
    """The row's stored values (None when it is gone)."""
    fresh = type(obj)._default_manager.filter(pk=obj.pk).values().first()
    if fresh is not None:
        fresh.pop("updated_at", None)
        # A link also under its field's name ("opening" for "opening_id"), as `edited` names it.
        for f in type(obj)._meta.concrete_fields:
            if isinstance(f, models.ForeignKey):
                fresh[f.name] = fresh[f.attname]
    return fresh


def url(viewset, view: str, obj=None) -> str:
    args = [obj.pk] if view in ("edit", "inspect", "history", "delete") else []
    return reverse(viewset.get_url_name(view), args=args)


def edit_form(viewset, obj, user):
    """The viewset's edit form for `obj`, unbound, as `user` would get it."""
    form_class = viewset.get_form_class(for_update=True)
    try:
        return form_class(instance=obj, for_user=user)
    except TypeError:  # a plain model form (reference data) takes no user
        return form_class(instance=obj)
