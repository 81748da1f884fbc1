"""Print precision@5, recall@10 and nDCG@10 on held-out outcomes, current model vs defaults."""

from django.core.management.base import BaseCommand, CommandError

from jobseekers.matching.services import evaluate_matching

METRICS = ("precision@5", "recall@10", "ndcg@10")


class Command(BaseCommand):
    help = "Ranking quality of the recommender on held-out people's outcomes."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=0, help="Seed of the held-out split.")
        parser.add_argument(
            "--held-out", type=float, default=0.25, help="Share of people held out (0-1)."
        )

    def handle(self, *args, seed: int, held_out: float, **options):
        if not 0 < held_out < 1:
            raise CommandError("--held-out must be a share between 0 and 1, e.g. 0.25.")
        result = evaluate_matching(seed=seed, fraction=held_out)
        if not result.pairs:
            self.stdout.write(
                "No labelled outcomes yet (interest, interview, hire, 90-day retention): "
                "nothing to evaluate."
            )
            return
        self.stdout.write(
            f"{result.pairs} labelled pairs; {result.held_out_pairs} held out "
            f"({result.current.get('people', 0)} people with a positive outcome)"
        )
        for label, figures in (
            (f"current ({result.current_version})", result.current),
            ("default weights", result.default),
        ):
            values = " ".join(f"{m}={figures.get(m, 0.0):.4f}" for m in METRICS)
            self.stdout.write(f"{label}: {values}")
