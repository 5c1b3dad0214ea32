// Placeholder so the target builds; real content lands in its own commits.
