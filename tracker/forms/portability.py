"""Taking data in and out: the import upload, and deleting the account."""

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate

from tracker.imports.reading import read_export


class ImportForm(forms.Form):
    file = forms.FileField(label="Export file (.json)")

    def clean_file(self):
        """Return the file's JSON; its size is checked before it is read."""
        return read_export(self.cleaned_data["file"], max_bytes=settings.IMPORT_MAX_BYTES)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput, label="Your password, to confirm")

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        """Check the password through the authentication backends, so a wrong one counts
        towards the log-in lockout (django-axes), as at the confirm-password page."""
        user = self.request.user
        checked = authenticate(
            self.request, username=user.get_username(), password=self.cleaned_data["password"]
        )
        if checked is None or checked.pk != user.pk:
            raise forms.ValidationError("That is not your password; nothing was deleted.")
        return ""
