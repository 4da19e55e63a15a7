"""Paper and group-session responses: a worker copies answers from paper, one form at a time or as a
CSV file. Every answer is checked exactly like an online answer and stored with channel 'paper'."""
