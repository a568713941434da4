"""Run block functions locally or on a Dask cluster: one code path, identical results.

A block function has the signature ``fn(ctx, start, stop, **kwargs) -> result``. Locally the blocks
run in a loop; with a ``dask.distributed.Client`` the context (the per-person arrays, a few MB to a
few hundred MB) is scattered to every worker once and each block is one task. Results come back in
block order either way, so callers cannot tell the two apart.

A real cluster: start ``dask scheduler`` on one machine and ``dask worker tcp://HOST:8786
--nthreads 1`` on each worker machine (same Python environment with this package installed), then
pass ``--dask tcp://HOST:8786`` to ``python -m matching suggest`` or ``pair``.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from ..issues import InputError, Issue


def map_blocks(fn: Callable, ctx: Any, blocks: Sequence[tuple[int, int]], client=None, **kwargs) -> list:
    """``[fn(ctx, start, stop, **kwargs) for each block]``, locally or as Dask tasks.

    Parameters
    ----------
    fn : callable
        A module-level function (Dask workers import it by name).
    ctx : object
        Shared read-only data for every block (scattered once to the workers).
    blocks : sequence of (int, int)
        Row ranges.
    client : dask.distributed.Client, optional
        Run on this cluster; ``None`` runs locally.
    **kwargs
        Passed to every call (broadcast with the task; keep them small).

    Returns
    -------
    list
        One result per block, in block order.
    """
    if client is None:
        return [fn(ctx, start, stop, **kwargs) for start, stop in blocks]
    shared = client.scatter(ctx, broadcast=True, hash=False)  # a fresh key: no race with an earlier release
    futures = [client.submit(fn, shared, start, stop, pure=False, **kwargs) for start, stop in blocks]
    return client.gather(futures)


def connect(address: str | None, timeout: float = 10.0):
    """A Dask client for ``address`` (``tcp://host:8786``), or None for ``None``/empty.

    Raises :class:`InputError` with a plain message when the scheduler cannot be reached.
    """
    if not address:
        return None
    if not str(address).startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        raise InputError([Issue("fatal", f"The '--dask' address must look like tcp://host:8786. Got {address!r} instead.",
                                 "Start a scheduler with `dask scheduler` and pass the address it prints.")])
    from dask.distributed import Client

    try:
        return Client(address, timeout=timeout)
    except (OSError, TimeoutError) as err:
        raise InputError([Issue("fatal", f"Could not reach the Dask scheduler at {address} ({type(err).__name__}).",
                                "Check that `dask scheduler` is running there and the port is open, "
                                "or leave out --dask to run on this machine.")]) from None
