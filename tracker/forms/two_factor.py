"""Two-factor sign-in: a code from the app or a recovery code; turning it off."""

from django import forms

from tracker.rules.two_factor import CodeKind, code_kind, normalise_code

CODE_HELP = "The 6 digits your authenticator app shows now, or one of your recovery codes."


class CodeForm(forms.Form):
    """A code as typed: spaces and hyphens are ignored. Which device checks it is the
    service's business; this only refuses what cannot be a code at all."""

    code = forms.CharField(
        label="Code",
        max_length=40,
        help_text=CODE_HELP,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "autofocus": True}
        ),
    )
    app_only = False

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        kind = code_kind(code)
        if kind == CodeKind.INVALID or (self.app_only and kind != CodeKind.APP):
            raise forms.ValidationError(
                "Type the 6 digits your app shows now."
                if self.app_only
                else "Type the 6 digits your app shows now, or a recovery code (8 letters "
                "and digits)."
            )
        return code


class ConfirmAppForm(CodeForm):
    app_only = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "The 6 digits your app shows for this account now."
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


class DisableForm(forms.Form):
    proof = forms.CharField(
        label="A code from your app, or your password",
        max_length=128,
        strip=False,
        help_text="So that someone who finds your phone or computer unlocked cannot turn it off.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
