"""Reading the evidence: text in pictures (OCR), facts in text, and when a file was made.

- :mod:`.lines`: one line of OCR text and where it is
- :mod:`.fact_rules`: the words facts and promises are found by (``resources/rules/facts.json``)
- :mod:`.facts`: :func:`~.facts.find_facts`, reference numbers, agents' IDs, amounts, times,
  phones and private numbers in a text
"""
