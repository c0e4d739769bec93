"""Scale benchmark: a synthetic corpus generator (``synth``) and a build benchmark (``run``).

    python -m research_digest.bench synth --papers 25000 --out /tmp/corpus
    python -m research_digest.bench run --sizes 1000,5000,25000
"""
