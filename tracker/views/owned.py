"""One helper per model that fetches an object for its owner and answers 404 for anyone else."""

from django.shortcuts import get_object_or_404

from tracker.models import Course, Dose


def course_for_user(user, pk) -> Course:
    return get_object_or_404(Course.objects.for_owner(user), pk=pk)


def dose_for_user(user, pk) -> Dose:
    return get_object_or_404(
        Dose.objects.for_owner(user).select_related("course__drug__limits_source"), pk=pk
    )
