"""Clients and the practice's own details: who the therapist sees, and who the therapist is."""
