# SPDX-License-Identifier: BSD-3-Clause
"""Posterior sampling after a least-squares fit: emcee's affine-invariant ensemble sampler
(Debian's python3-emcee), started around the optimum, the cost evaluated by the C++ core for a
whole batch of walkers at once (on every core, without the GIL)."""
import numpy as np

from . import _glassfit

_Q68 = (15.865525393145708, 84.13447460685429)
_Q95 = (2.275013194817921, 97.72498680518208)


class SampleResult:
    """`labels`: the free parameters; `chain`: (steps, walkers, parameters) in internal units;
    `log_prob`: (steps, walkers); `acceptance_fraction` per walker; `autocorr_time` per
    parameter (steps; NaN where the chain is too short to tell); `burn`: steps left out of the
    summaries; `median`, `mean`; `credible` and `laplace`: {label: {"68": (lo, hi), "95": (lo,
    hi)}}, the posterior's central intervals and the fit's value +- 1 and 1.96 standard errors;
    `disagreements`: {label: why} where the two differ by more than a quarter of a standard error;
    `units`: {label: unit}; `convergence`: the sampler's own judgement (integrated
    autocorrelation time per parameter and whether the chain is long enough to trust it, 50 tau
    after burn-in; effective sample size; acceptance fraction; a `verdict` text). emcee's own
    warnings are not printed: this judgement replaces them. `plot(outdir)` draws the trace and
    corner plots; `band()` gives the central 95 % of the model over posterior draws, which
    `FitResult.write(outdir, band=this)` draws in the fit plots instead of the covariance's band.

    Example:

    >>> s = glassfit.sample(glassfit.fit("fits/la60ni15al25_dma.toml"), steps=20, seed=1)
    >>> s.convergence["verdict"].startswith("NOT converged"), s.units["U_beta"]
    (True, 'J/mol')
    """

    def table(self):
        rows = [f"{'parameter':<12} {'unit':<7} {'value':>12} {'stderr':>10} {'median':>12} {'68% credible':>27} "
                f"{'68% Laplace':>27} {'tau [steps]':>11} {'ESS':>7}"]
        for i, k in enumerate(self.labels):
            c, l = self.credible[k]["68"], self.laplace[k]["68"]
            rows.append(f"{k:<12} {self.units.get(k, ''):<7} {self.value[k]:>12.6g} {self.stderr[k]:>10.3g} "
                        f"{self.median[k]:>12.6g} [{c[0]:>12.6g}, {c[1]:>12.6g}] [{l[0]:>12.6g}, {l[1]:>12.6g}] "
                        f"{self.autocorr_time[i]:>11.1f} {self.convergence['effective_samples'][k]:>7.0f}")
        rows.append(f"{self.chain.shape[0]} steps x {self.chain.shape[1]} walkers, the first {self.burn} left out")
        rows.append(self.convergence["verdict"])
        for k, why in self.disagreements.items():
            rows.append(f"{k}: {why}")
        return "\n".join(rows)

    def band(self, draws=200, seed=1, level=95):
        """The central `level` % of the fitted model over `draws` draws from the chain after
        burn-in: a list with, per dataset, {"low": {quantity: array}, "high": {...}} in the layout
        of FitResult.datasets[i]["model"] (E' and E'' apart)."""
        out = []
        for d, (low, high) in zip(self._fit.datasets, self._band_flat(draws, seed, level)[0]):
            parts = {"low": {}, "high": {}}
            at = 0
            for quantity, model in d["model"].items():
                parts["low"][quantity], parts["high"][quantity] = low[at:at + len(model)], high[at:at + len(model)]
                at += len(model)
            out.append(parts)
        return out

    def _band_flat(self, draws=200, seed=1, level=95):
        """(per dataset (low, high) in the layout of the C++ DatasetFit::model, what to call the
        band): the arrays band() splits by quantity and FitResult.write(band=) draws."""
        from . import _check
        draws = _check.integer("draws", draws, minimum=2, maximum=100000)
        seed = _check.integer("seed", seed, minimum=0, maximum=2**32 - 1)
        level = _check.number("level", level, above=0, maximum=99.9)
        flat = self._fitted_chain[self.burn:].reshape(-1, len(self.labels))
        rows = flat[np.random.RandomState(seed).randint(0, len(flat), size=draws)]
        models = self._problem.models(rows)
        models = models[np.all(np.isfinite(models), axis=1)]
        if len(models) < 2:
            raise _glassfit.InputError("band: fewer than 2 draws give a finite model")
        tail = (100 - level) / 2
        low, high = np.percentile(models, tail, axis=0), np.percentile(models, 100 - tail, axis=0)
        parts, start = [], 0
        for d in self._fit.datasets:
            end = start + sum(len(m) for m in d["model"].values())
            parts.append((low[start:end], high[start:end]))
            start = end
        return parts, f"central {level:g} % of the model over {len(models)} posterior draws"

    def plot(self, outdir):
        """Writes trace.png (every walker's path per parameter, burn-in shaded) and corner.png
        (each parameter's posterior and every pair's, the fit's value marked) into outdir, each
        also as SVG and PDF. Needs matplotlib."""
        import os
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator
        os.makedirs(outdir, exist_ok=True)
        n = len(self.labels)
        steps = np.arange(self.chain.shape[0])
        height = 1.6 * n + 0.6  # 0.6 in for the verdict above the panels
        fig, axes = plt.subplots(n, 1, figsize=(7, height), sharex=True, squeeze=False)
        for i, k in enumerate(self.labels):
            ax = axes[i, 0]
            ax.plot(steps, self.chain[:, :, i], lw=0.3, alpha=0.4, color="C0")
            ax.axvspan(0, self.burn, color="0.9", zorder=-1)
            ax.axhline(self.value[k], color="k", lw=0.8)
            ax.set_ylabel(f"{k} [{self.units.get(k, '-')}]", fontsize=8)
        axes[-1, 0].set_xlabel("step (grey: burn-in, left out)")
        import textwrap
        fig.suptitle("\n".join(textwrap.wrap(self.convergence["verdict"], 90)), fontsize=8)
        fig.tight_layout(rect=(0, 0, 1, 1 - 0.6 / height))
        for ext in ("png", "svg", "pdf"):
            fig.savefig(os.path.join(outdir, f"trace.{ext}"), dpi=120)
        plt.close(fig)
        flat = self.chain[self.burn:].reshape(-1, n)
        fig, axes = plt.subplots(n, n, figsize=(1.9 * n, 1.9 * n), squeeze=False)
        for i in range(n):
            for j in range(n):
                ax = axes[i, j]
                if j > i:
                    ax.axis("off")
                    continue
                if i == j:
                    ax.hist(flat[:, i], bins=40, color="C0", histtype="step")
                    ax.axvline(self.value[self.labels[i]], color="k", lw=0.8)
                    ax.set_yticks([])
                else:
                    ax.hist2d(flat[:, j], flat[:, i], bins=40, cmap="Blues")
                    ax.plot(self.value[self.labels[j]], self.value[self.labels[i]], "k+")
                if i == n - 1:
                    ax.set_xlabel(f"{self.labels[j]} [{self.units.get(self.labels[j], '-')}]", fontsize=7)
                else:
                    ax.tick_params(labelbottom=False)
                if j == 0 and i > 0:
                    ax.set_ylabel(f"{self.labels[i]} [{self.units.get(self.labels[i], '-')}]", fontsize=7)
                elif j > 0:
                    ax.tick_params(labelleft=False)
                ax.tick_params(labelsize=6)
                # Three ticks, turned, so that long values (33000 MPa, 1.9e-13 s) do not run together.
                ax.xaxis.set_major_locator(MaxNLocator(3))
                if i != j:
                    ax.yaxis.set_major_locator(MaxNLocator(3))
                ax.ticklabel_format(useOffset=False)
                ax.tick_params(axis="x", labelrotation=45)
        fig.tight_layout()
        for ext in ("png", "svg", "pdf"):
            fig.savefig(os.path.join(outdir, f"corner.{ext}"), dpi=120)
        plt.close(fig)

    def __repr__(self):
        return self.table()


def _values(x, log_scale):
    """Fitted coordinates (log10 for a log-scale parameter) -> values; x's last axis is the parameter."""
    out = np.array(x, dtype=float, copy=True)
    out[..., log_scale] = 10.0 ** out[..., log_scale]
    return out


def sample(result, *, walkers=None, steps=2000, burn=None, seed=1, progress=False):
    """Draws from the posterior of a fit (a FitResult of glassfit.fit).
    Returns a SampleResult.

    The likelihood is exp(-chi2 / (2 s)), s the fit's covariance scale (chi2_reduced, or 1 when
    the residual scales are stated noise), so that a quadratic cost gives back the fit's
    covariance. The prior is flat in the fitted coordinate (log10 of a log-scale parameter)
    within the parameter's bounds. Walkers (default: max(32, 4 x parameters), even) start in a
    ball of 0.1 standard error around the optimum, shaped by the fit's correlations; burn (default steps // 4) steps are left out
    of the summaries. The seed fixes the start and the moves.

    Raises InputError (a ValueError) with the command line's one-line message, naming the
    argument or the file, line and column.

    Example:

    >>> s = glassfit.sample(glassfit.fit("fits/la60ni15al25_dma.toml"), steps=20, seed=1)
    >>> s.chain.shape, s.convergence["reliable"]
    ((20, 40, 10), False)
    """
    import emcee
    from . import FitResult, _check

    if not isinstance(result, FitResult):
        raise _glassfit.InputError(f"result: a FitResult of glassfit.fit is needed, not {type(result).__name__}")
    if walkers is not None:
        walkers = _check.integer("walkers", walkers, minimum=2, maximum=100000)
    steps = _check.integer("steps", steps, minimum=2, maximum=10**8)
    if burn is not None:
        burn = _check.integer("burn", burn, minimum=0)
    seed = _check.integer("seed", seed, minimum=0, maximum=2**32 - 1)
    _check.flag("progress", progress)

    problem = _glassfit._Problem(result._core)
    labels = list(problem.labels)
    ndim = len(labels)
    if ndim == 0:
        raise _glassfit.InputError("sample: the fit has no free parameter")
    log_scale = np.array(problem.log_scale, dtype=bool)
    lower, upper = np.array(problem.lower), np.array(problem.upper)
    x0, sd = np.array(problem.optimum), np.array(problem.stderr)
    sd = np.where(np.isfinite(sd) & (sd > 0), sd, 1e-3 * np.maximum(np.abs(x0), 1e-3))
    walkers = walkers or max(32, 4 * ndim)
    walkers += walkers % 2
    steps = int(steps)
    burn = steps // 4 if burn is None else int(burn)
    if not 0 <= burn < steps:
        raise _glassfit.InputError(f"sample: burn ({burn}) must be in [0, steps = {steps})")
    scale = result._core.covariance_scale
    rng = np.random.RandomState(seed)
    # The ball follows the fit's covariance (fitted coordinates), so that strongly correlated
    # parameters start along their valley rather than up its walls.
    order = [result.free_names.index(k) if k in result.free_names else -1 for k in labels]
    corr = np.eye(ndim)
    if all(i >= 0 for i in order):
        corr = np.asarray(result.correlation)[np.ix_(order, order)]
    try:
        chol = np.linalg.cholesky(corr * np.outer(sd, sd))
    except np.linalg.LinAlgError:
        chol = np.diag(sd)
    p0 = x0 + 0.1 * rng.standard_normal((walkers, ndim)) @ chol.T
    span = upper - lower
    inner_lo = np.where(np.isfinite(span), lower + 1e-9 * span, lower)
    inner_hi = np.where(np.isfinite(span), upper - 1e-9 * span, upper)
    p0 = np.clip(p0, inner_lo, inner_hi)

    def log_prob(x):
        chi2 = problem.chi2(np.atleast_2d(x))
        return np.where(np.isfinite(chi2), -0.5 * chi2 / scale, -np.inf)

    sampler = emcee.EnsembleSampler(walkers, ndim, log_prob, vectorize=True)
    sampler.random_state = rng.get_state()
    sampler.run_mcmc(p0, steps, progress=progress)

    out = SampleResult()
    out._problem, out._fit, out._fitted_chain = problem, result, sampler.get_chain()
    out.labels = labels
    out.chain = _values(sampler.get_chain(), log_scale)
    out.log_prob = sampler.get_log_prob()
    out.acceptance_fraction = sampler.acceptance_fraction
    # The integrated autocorrelation time per parameter, without emcee's own check (it prints);
    # ours: trusted when the chain after burn-in is at least 50 tau long (emcee's rule), a lower
    # bound otherwise (a short chain underestimates tau).
    kept = sampler.get_chain(discard=burn)
    with np.errstate(divide="ignore", invalid="ignore"):
        out.autocorr_time = emcee.autocorr.integrated_time(kept, tol=0, quiet=True)
    out.burn = burn
    flat = out.chain[burn:].reshape(-1, ndim)
    out.median = dict(zip(labels, np.median(flat, axis=0)))
    out.mean = dict(zip(labels, flat.mean(axis=0)))
    out.value = {k: result.values[k] for k in labels}
    out.units = {k: result.parameters[k]["unit"] for k in labels if k in result.parameters}
    out.convergence = _convergence(labels, out.autocorr_time, steps - burn, walkers, out.acceptance_fraction)
    out.stderr = {k: result.stderr[k] for k in labels}
    out.credible, out.laplace, out.disagreements = {}, {}, {}
    bound_lo, bound_hi = _values(lower, log_scale), _values(upper, log_scale)
    for i, k in enumerate(labels):
        col = flat[:, i]
        c68, c95 = tuple(np.percentile(col, _Q68)), tuple(np.percentile(col, _Q95))
        v, se = out.value[k], out.stderr[k]
        out.credible[k] = {"68": c68, "95": c95}
        out.laplace[k] = {"68": (v - se, v + se), "95": (v - 1.959964 * se, v + 1.959964 * se)}
        if not (se > 0) or max(abs(c68[0] - (v - se)), abs(c68[1] - (v + se))) <= 0.25 * se:
            continue
        why = []
        width = c95[1] - c95[0]
        if c95[0] - bound_lo[i] < 0.05 * width or bound_hi[i] - c95[1] < 0.05 * width:
            why.append("the posterior reaches a bound")
        med = out.median[k]
        ratio = (c68[1] - med) / max(med - c68[0], 1e-300)
        if not 0.7 <= ratio <= 1 / 0.7:
            why.append(f"skewed ({'longer above' if ratio > 1 else 'longer below'} the median, ratio {ratio:.2f})")
        if log_scale[i] and not why:
            why.append("log-scale parameter: the posterior is symmetric in log10, the standard error in the value")
        if np.isfinite(out.autocorr_time[i]) and steps < 50 * out.autocorr_time[i]:
            why.append(f"the chain is short ({steps} steps, autocorrelation time {out.autocorr_time[i]:.0f})")
        if not why:
            why.append("the cost is not quadratic over the interval")
        out.disagreements[k] = "; ".join(why)
    return out


def _convergence(labels, tau, kept_steps, walkers, acceptance):
    """The sampler's judgement of its own chain (SampleResult.convergence)."""
    tau = np.asarray(tau, dtype=float)
    finite = np.isfinite(tau) & (tau > 0)
    reliable = bool(finite.all() and kept_steps >= 50 * tau.max())
    ess = {k: (kept_steps * walkers / t if np.isfinite(t) and t > 0 else float("nan")) for k, t in zip(labels, tau)}
    acc = {"mean": float(np.mean(acceptance)), "min": float(np.min(acceptance)), "max": float(np.max(acceptance))}
    parts = []
    if reliable:
        parts.append(f"converged: {kept_steps} steps after burn-in are at least 50 autocorrelation times "
                     f"(tau up to {tau.max():.1f} steps); effective samples {min(ess.values()):.0f} or more")
    else:
        worst = labels[int(np.nanargmax(np.where(finite, tau, np.inf)))]
        need = 50 * np.nanmax(np.where(finite, tau, np.nan)) if finite.any() else float("nan")
        parts.append(f"NOT converged: {kept_steps} steps after burn-in are fewer than 50 autocorrelation times "
                     f"({worst}: tau >= {tau[labels.index(worst)]:.1f} steps, a lower bound from a short chain); "
                     f"run at least {need:.0f} steps after burn-in")
    if not 0.15 <= acc["mean"] <= 0.7:
        parts.append(f"acceptance {acc['mean']:.2f} is outside 0.15-0.7: the moves are too "
                     f"{'bold' if acc['mean'] < 0.15 else 'timid'}")
    else:
        parts.append(f"acceptance {acc['mean']:.2f} (walkers {acc['min']:.2f}-{acc['max']:.2f})")
    return {"autocorr_time": dict(zip(labels, tau.tolist())), "reliable": reliable, "effective_samples": ess,
            "acceptance": acc, "kept_steps": kept_steps, "verdict": "; ".join(parts)}
