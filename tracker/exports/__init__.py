"""What the app writes for people and other programs: CSV files for spreadsheets."""
