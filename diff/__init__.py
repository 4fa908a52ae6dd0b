"""`alinea diff`: what changes between two rule bases, or in the law between two dates.

structural (by rule, parameter, version, with citations) -> symbolic (z3 search for witness
situations) with boundary (fallback) -> witnesses (checked and minimised by the evaluator)
-> report (plain data, JSON). `compare` ties them together.
"""
