"""The ``nnanim inspect`` figure: every word of it inside the picture."""

from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnanim.core.cache import load_or_train
from nnanim.core.experiment_file import load_experiment
from nnanim.core.data import make_dataset
from nnanim.studies.network_summary import summary_figure

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_every_label_of_the_spiral_summary_lies_inside_the_picture():
    """The spiral has a 3-D panel, which once pushed the softmax panel's y1 label off the edge."""
    exp = load_experiment(str(EXAMPLES / "spiral.toml"))
    X, y = make_dataset(exp.data)
    figure = summary_figure(exp, load_or_train(exp, progress=False), X, y)
    FigureCanvasAgg(figure).draw()
    renderer = figure.canvas.get_renderer()
    texts = [figure._suptitle]
    for ax in figure.axes:
        texts += [ax.title, ax.xaxis.label, ax.yaxis.label]
    for text in texts:
        if text is not None and text.get_text():
            box = text.get_window_extent(renderer)
            assert box.x0 >= 0 and box.y0 >= 0, text.get_text()
            assert box.x1 <= figure.bbox.x1 and box.y1 <= figure.bbox.y1, text.get_text()


def test_a_three_class_summary_ends_on_the_triangle_at_the_networks_probabilities():
    import numpy as np

    from nnanim.core.experiments import get_preset
    from nnanim.geometry.simplex import to_chart
    from nnanim.core.model import forward_stages

    exp = get_preset("K1")
    trajectory = load_or_train(exp)
    X, y = make_dataset(exp.data)
    figure = summary_figure(exp, trajectory, X, y)
    triangle = figure.axes[-1]
    assert "y1 + y2 + y3 = 1" in triangle.get_title()
    drawn = np.concatenate([c.get_offsets() for c in triangle.collections if len(c.get_offsets())])
    expected = to_chart(forward_stages(trajectory.final_params, trajectory.arch, X).layers[-1].activated)
    want = np.concatenate([expected[np.asarray(y) == label] for label in np.unique(y)])
    np.testing.assert_allclose(drawn, want, atol=1e-9)
