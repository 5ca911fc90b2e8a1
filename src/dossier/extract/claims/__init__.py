"""Claims: who met, backed, attacked, employs or is related to whom, and the numbers claimed.

`extractor` is the pipeline component; `events` (meetings, support, criticism, travel),
`relations` (family, associates, membership, employment), `places`, `elections` and
`datelines` make claims of one class each through `build`; `syntax`, `index` and `lexicon`
are their shared helpers; `queries` reads stored claims back.
"""
