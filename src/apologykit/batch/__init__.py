"""``apologykit batch``: records in (JSON Lines, CSV), one output record out per record.

Readers and lines take input apart, results render one record, workers run
them in processes that may die or hang, sinks write the output. A new input
or output format goes here.
"""
