"""Profile one dashboard re-solve on a synthetic 1,000-person survey (10% similar-role requests)."""
import sys, time
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'benchmarks')); sys.path.insert(0, str(ROOT))
from synthetic import synthetic_participants
from matching.scoring.embedder import Embedder
from matching.round import embed_participants, run_round
from matching.scoring import compute_signals
from matching.settings import Settings
p = synthetic_participants(1000, seed=1000)
v = embed_participants(p, Embedder("tfidf"))
s = Settings(embedder="tfidf")
sig = compute_signals(p, v, s)
for w in [0.2, 0.3]:
    t = time.perf_counter(); r = run_round(p, v, s.with_weight("location", w), signals=sig); tot = time.perf_counter() - t
    print(f"total {tot:.2f}s solve {r.solution.time_s:.2f}s solver {r.solution.solver} status {r.solution.status} gap {r.solution.gap:.2e} unmatched {(r.assignments.status=='unmatched').sum()}")
import cProfile, pstats
cProfile.run('run_round(p, v, s.with_weight("location", 0.4), signals=sig)', str(ROOT / '.cache' / 'prof.out'))
pstats.Stats(str(ROOT / '.cache' / 'prof.out')).sort_stats('cumulative').print_stats(18)
