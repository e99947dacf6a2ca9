"""Every change to a user's data goes through here, one module per area.

Each function is keyword-only and typed, validates (raising ValidationError with a message a
person can act on), writes in one transaction, moves the owner's data version explicitly
(tracker/data_version.py) so no cached page outlives the change, and returns what it saved
with the findings the caller should show.
"""
