from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tracker.forms import ProfileForm, SignupForm
from tracker.middleware import TIME_ZONE_KEY
from tracker.models import Profile, new_calendar_token
from tracker.services import profile_for
from tracker.throttle import over_limit, refusal_response


@login_not_required
def signup(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    if request.method == "POST":
        refusal = over_limit(request, "signup", email=request.POST.get("email", ""))
        if refusal is not None:
            return refusal_response(request, refusal)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            Profile.objects.create(user=user, time_zone=form.cleaned_data["time_zone"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome! Start by entering your course.")
        return redirect("course_start")
    return render(request, "registration/signup.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, limited per address and per e-mail address: each sends mail."""

    def post(self, request, *args, **kwargs):
        refusal = over_limit(request, "password_reset", email=request.POST.get("email", ""))
        if refusal is not None:
            return refusal_response(request, refusal)
        return super().post(request, *args, **kwargs)


def settings_view(request):
    profile = profile_for(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        request.session[TIME_ZONE_KEY] = form.cleaned_data["time_zone"]
        messages.success(request, "Settings saved.")
        return redirect("settings")
    feed_url = (
        request.build_absolute_uri(reverse("calendar_feed", args=[profile.calendar_token]))
        if profile.calendar_token
        else None
    )
    return render(request, "tracker/settings.html", {"form": form, "feed_url": feed_url})


@require_POST
def calendar_token_new(request):
    profile_for(request.user)
    Profile.objects.filter(user=request.user).update(calendar_token=new_calendar_token())
    messages.success(request, "New calendar feed URL created; any older URL no longer works.")
    return redirect("settings")


@require_POST
def calendar_token_revoke(request):
    Profile.objects.filter(user=request.user).update(calendar_token=None)
    messages.success(request, "Calendar feed turned off; the old URL now answers “not found”.")
    return redirect("settings")
