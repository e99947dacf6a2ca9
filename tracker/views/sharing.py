"""Share links: the patient's page to create and revoke them, and the read-only page a link
opens for anyone who has it, with no account."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from tracker.forms.sharing import ShareLinkForm
from tracker.pages.sharing import course_share_links, shared_course_page
from tracker.reauth import recent_password_required
from tracker.services import sharing
from tracker.views.owned import course_for_user, share_link_for_user

# One reason for every token that opens nothing: which of wrong, expired or revoked is not said.
NOT_FOUND = (
    "This share link does not open anything. It may have expired or been revoked, or the "
    "address may be incomplete: ask the person who shared it for a new link."
)


def qr_svg(url: str) -> str:
    """Return the URL as a QR code in inline SVG markup: attributes only, no style, no script,
    black on white whatever the colour mode, so a phone can read it off the screen."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=5, dark="#000", light="#fff", title="QR code of the share link")
    return svg.replace("<svg ", '<svg role="img" ', 1)  # its <title> is then its name


def course_share(request, pk):
    course = course_for_user(request.user, pk)
    return _share_page(request, course, ShareLinkForm())


@require_POST
@recent_password_required
def share_link_create(request, pk):
    """Create a link and show its address and QR code once. No redirect: the token would have
    to be kept somewhere to be shown on the next page, and it is never kept."""
    course = course_for_user(request.user, pk)
    form = ShareLinkForm(request.POST)
    if form.is_valid():
        try:
            new = sharing.share_link_create(course=course, **form.cleaned_data)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "already_created":
                # The page that showed the address, reloaded: a new form, with a new token.
                messages.info(request, exc.message)
                return redirect("course_share", course.pk)
            form.add_error(None, exc)
        else:
            url = request.build_absolute_uri(reverse("shared_course", args=[new.token]))
            context = {"course": course, "link": new.link, "url": url, "qr": mark_safe(qr_svg(url))}
            return render(request, "sharing/share_link_created.html", context)
    return _share_page(request, course, form)


@require_POST
def share_link_revoke(request, pk):
    link = share_link_for_user(request.user, pk)
    if sharing.share_link_revoke(link=link):
        messages.success(request, "Link revoked: it now answers “not found” to anyone.")
    else:
        messages.info(request, "That link was already revoked.")
    return redirect("course_share", link.course_id)


def _share_page(request, course, form):
    context = {"course": course, "form": form, "links": course_share_links(course)}
    return render(request, "sharing/course_share.html", context)


@login_not_required
@require_GET
def shared_course(request, token):
    """The read-only page of one course, in its owner's time zone; 404 for any token that opens
    nothing (wrong, altered, expired or revoked alike)."""
    link = sharing.share_link_open(token=token)
    # Whoever opens a link may be anywhere: the page offers no number to call, only to call the
    # local emergency number (a number of the app's own could ring nowhere where they are).
    context = {}
    if link is None:
        context["reason"] = NOT_FOUND
        response = render(request, "sharing/not_found.html", context, status=404)
    else:
        with timezone.override(link.course.owner.profile.zone):
            context |= {"shared": shared_course_page(link), "now": timezone.localtime()}
            response = render(request, "sharing/shared_course.html", context)
    # Not for search engines, caches or other sites: the address is the only key to the page.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    patch_cache_control(response, no_store=True, private=True)
    return response
