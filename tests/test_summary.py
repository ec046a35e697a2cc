"""The ``nnanim inspect`` figure: every word of it inside the picture."""

from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnanim.cache import load_or_train
from nnanim.config import load_experiment
from nnanim.data import make_dataset
from nnanim.summary import summary_figure

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
