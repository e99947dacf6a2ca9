import zoneinfo

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tracker.forms.accounts import ProfileForm, SignupForm
from tracker.middleware import TIME_ZONE_KEY
from tracker.pages.devices import devices_page
from tracker.reauth import ask_for_password, password_recently_confirmed, recent_password_required
from tracker.services import accounts
from tracker.throttle import over_limit, refusal_response
from tracker.views.owned import profile_for_user
from tracker.views.push import push_settings_context


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
        data = form.cleaned_data
        user = accounts.account_create(
            username=data["username"],
            password=data["password1"],
            email=data["email"],
            time_zone=data["time_zone"],
        )
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
    profile = profile_for_user(request.user)
    # Read before the form: validating a post copies its values onto the profile, saved or not.
    zone = profile.time_zone
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["email"] != request.user.email and not password_recently_confirmed(
            request
        ):  # a new address would receive the password reset link
            return ask_for_password(request, next_path=reverse("settings"))
        accounts.profile_update(profile=profile, **form.cleaned_data)
        request.session[TIME_ZONE_KEY] = form.cleaned_data["time_zone"]
        messages.success(request, "Settings saved.")
        return redirect("settings")
    feed_url = (
        request.build_absolute_uri(reverse("calendar_feed", args=[profile.calendar_token]))
        if profile.calendar_token
        else None
    )
    context = {
        "form": form,
        "feed_url": feed_url,
        "zone": zone,
        "zone_now": timezone.now().astimezone(zoneinfo.ZoneInfo(zone)),
        "devices": devices_page(request.user, session_key=request.session.session_key),
        **push_settings_context(request.user),
    }
    return render(request, "tracker/settings.html", context)


# The feed address is a bearer URL showing drug names and dose times: an export by another name.
@require_POST
@recent_password_required(return_to="settings")
def calendar_token_new(request):
    accounts.calendar_token_new(user=request.user)
    messages.success(request, "New calendar feed URL created; any older URL no longer works.")
    return redirect("settings")


@require_POST
def calendar_token_revoke(request):
    accounts.calendar_token_revoke(user=request.user)
    messages.success(request, "Calendar feed turned off; the old URL now answers “not found”.")
    return redirect("settings")
