"""Import of a user's own JSON export: read the file, check each record's shape, validate it
with the app's own forms, then write it for the importing account alone."""
