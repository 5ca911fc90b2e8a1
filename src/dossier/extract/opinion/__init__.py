"""Loaded language: the outlet's or a speaker's characterisations, kept apart from facts.

`extractor` is the pipeline component (opinion claims and each document's loaded score);
`lexicon` loads `lexicons/subjectivity.txt`.
"""
