"""Read queries, one module per area: public (directory, statistics, open data), staff, portal,
assessment, certificates. Views read through these; services write."""
