"""Young people who would like to get involved beyond the survey (seed 002, Appendix 5: "Would you like
to have your voice heard?"). details.py checks what they wrote; batches.py keeps it apart from the answers
and releases it to the participation worker in batches, never one at a time."""
