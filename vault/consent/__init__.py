"""Confidentiality as records: the practice's policy, each client's informed consent and the
limits explained, releases of information, every disclosure and its basis, and the client's
access and amendment requests with their deadlines."""
