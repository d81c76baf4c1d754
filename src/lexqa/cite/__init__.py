"""cite stage."""
