"""Reading the evidence: text in pictures (OCR), facts in text, and when a file was made."""
