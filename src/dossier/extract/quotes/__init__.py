"""Quotes and who said them: quotation marks, reporting cues, speakers and reporting chains.

`extractor` is the pipeline component; `marks` finds quoted spans, `syntax` the cue and its
parse, `speakers` resolves a speaker to an entity, `leftovers` handles quotations no cue
claims, `record` is the attribution record, `queries` reads stored quotes back.
"""
