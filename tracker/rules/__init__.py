"""Pure domain rules: plain values in, plain findings out. No request, no ORM."""
