"""Forms parse and validate what a person types; views hand the cleaned data to a service.
One module per area: accounts, courses, doses, co-medications, tapers, check-ins, portability."""
