"""Your own torch network in your own scene: train it here, then let nnanim show it.

    manim -pql examples/own_network.py OwnNetwork

A small ``nn.Sequential`` learns the two moons of moons.csv with ``BCEWithLogitsLoss`` (one
logit, read through a sigmoid), saving its weights as it goes. The scene replays that training
and then shows the trained network warping the points, layer by layer, onto the softmax line.
"""

from pathlib import Path

import numpy as np
import torch
from manim import DOWN, UP, UR, FadeOut, Text, VGroup

import nnanim

DATA = np.loadtxt(Path(__file__).with_name("moons.csv"), delimiter=",", skiprows=1)
X, y = DATA[:, :2], DATA[:, 2].astype(int)


def train() -> tuple[torch.nn.Sequential, list]:
    """Plain torch: the network, its loss, Adam, and a state dict saved now and then."""
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1))
    inputs, targets = torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
    optimizer = torch.optim.Adam(net.parameters(), lr=0.05)
    checkpoints = []
    for epoch in range(401):
        if epoch <= 40 or epoch % 20 == 0:
            checkpoints.append((epoch, {k: v.clone() for k, v in net.state_dict().items()}))
        optimizer.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(net(inputs)[:, 0], targets)
        loss.backward()
        optimizer.step()
    return net, checkpoints


class OwnNetwork(nnanim.LectureScene):
    def construct(self) -> None:
        net, checkpoints = train()
        self.next_section("training")
        title = Text("My network learns the two moons", font_size=34).to_edge(UP, buff=0.3)
        self.add(title)
        nnanim.show_training(self, net, X, y, checkpoints, seconds=6)
        self.play(FadeOut(*self.mobjects))
        self.next_section("inside")
        words = VGroup(Text("Inside the trained network", font_size=34),
                       Text("学習したネットワークの中", font_size=26)).arrange(DOWN)
        self.add(words.to_corner(UR, buff=0.6))
        nnanim.show_inside(self, net, X, y, center=(-3.2, -0.2), size=6.8)
