"""Security suite: tampering, hostile input, plaintext on disk, the network."""
