"""Read-only page builders, one per page: they fetch the owner's rows, call the rules and
return plain dataclasses for a template. Nothing here writes."""
