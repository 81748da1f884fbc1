"""The fidelity dashboard and report exports: figures, charts, bounded queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.charts import Line, bar_chart
from tests.reports.builders import build_program

pytestmark = pytest.mark.django_db


def test_chart_is_an_accessible_svg_with_every_value_in_its_description():
    svg = bar_chart(
        "Contacts", [("ana", 6.5), ("ben", None)], maximum=8, lines=(Line(6, "goal 6"),)
    )
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert "<title>Contacts</title>" in svg
    assert "<desc>ana: 6.5; ben: no data; goal 6: 6</desc>" in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def dashboard_url(program):
    return reverse("reports:dashboard") + f"?program={program.pk}&start=2026-01-01&end=2026-12-31"


@pytest.mark.parametrize(("specialists", "seekers", "contacts"), [(2, 20, 100), (8, 200, 2000)])
def test_dashboard_query_count_is_constant(
    client, django_assert_max_num_queries, specialists, seekers, contacts
):
    from ips.models import StaffMember

    program = build_program("Sized", specialists=specialists, seekers=seekers, contacts=contacts)
    director = StaffMember.objects.filter(program=program).first()
    director.role = "director"
    director.save()
    client.force_login(director.user)
    with django_assert_max_num_queries(70):
        response = client.get(dashboard_url(program))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Employment rate against the benchmarks" in page
    assert "goal 6" in page
    assert "provisional" in page


def test_report_exports_pdf_csv_and_printable_html(client, program, users):
    client.force_login(users["director"])
    query = f"?program={program.pk}&start=2026-01-01&end=2026-03-31"
    pdf = client.get(reverse("reports:report", args=["pdf"]) + query)
    assert pdf.content.startswith(b"%PDF")
    csv_text = client.get(reverse("reports:report", args=["csv"]) + query).content.decode()
    assert "outcomes.served,0" in csv_text
    html = client.get(reverse("reports:report", args=["html"]) + query).content.decode()
    assert "IPS program report" in html


def test_weekly_contacts_per_specialist_count_each_face_to_face_visit(program, staff):
    import datetime as dt

    from employers.models import Employer, EmployerContact
    from ips.fidelity.selectors import weekly_face_to_face

    employer = Employer.objects.create(program=program, name="Cafe")
    ana = staff["specialist"]

    def log(day, mode="face_to_face"):
        EmployerContact.objects.create(
            program=program, date=day, specialist=ana, employer=employer, mode=mode
        )

    log(dt.date(2026, 3, 23))  # Monday of the last week
    log(dt.date(2026, 3, 23))  # same employer twice: counts twice
    log(dt.date(2026, 3, 29))  # Sunday: same ISO week
    log(dt.date(2026, 3, 24), mode="phone")  # not face to face
    log(dt.date(2026, 3, 22))  # Sunday before: previous week
    mondays, table = weekly_face_to_face(program, dt.date(2026, 3, 29))
    assert mondays[-1] == dt.date(2026, 3, 23)
    assert len(mondays) == 8
    assert table == [(ana.user.email, [0, 0, 0, 0, 0, 0, 1, 3])]


def _text_boxes(svg: str):
    """(left, right, top, bottom) of every <text> in a chart, by the chart's own estimate."""
    import re

    from reports.charts import text_width

    boxes = []
    for attrs, body in re.findall(r"<text ([^>]*)>(.*?)</text>", svg):
        values = dict(re.findall(r'([\w-]+)="([^"]*)"', attrs))
        text = re.sub(r"<title>.*?</title>", "", body)
        size = float(values["font-size"])
        x, y, width = float(values["x"]), float(values["y"]), text_width(text, size)
        left = {"end": x - width, "middle": x - width / 2}.get(values.get("text-anchor"), x)
        boxes.append((left, left + width, y - size, y, text))
    return boxes


def test_benchmark_labels_and_names_never_overlap_in_the_rates_chart():
    svg = bar_chart(
        "Employment rate against the benchmarks",
        [("US rate", 44.0), ("A specialist with a very long name indeed", 40.0)],
        maximum=100,
        unit=" %",
        lines=(Line(31, "31"), Line(41, "41"), Line(50, "50"), Line(40, "UK 40")),
    )
    boxes = _text_boxes(svg)
    assert {"31", "41", "50", "UK 40"} <= {b[4] for b in boxes}
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]
            assert apart, f"{a[4]!r} overlaps {b[4]!r}"
    # Every box stays inside the picture, and a shortened name keeps its full text.
    assert all(box[0] >= 0 and box[1] <= _view_width(svg) for box in boxes)
    assert "<title>A specialist with a very long name indeed</title>" in svg


def test_dashboard_shows_specialists_by_name_with_the_email_only_where_names_collide(
    client, program, users
):
    from tests.conftest import make_staff

    def named(username, first, last):
        member = make_staff(program, "specialist", username)
        member.user.first_name, member.user.last_name = first, last
        member.user.email = f"{username}@north.example.org"
        member.user.save()
        return member

    named("thu", "Thu", "Nguyễn")
    named("sam1", "Sam", "Lee")
    named("sam2", "Sam", "Lee")
    unnamed = named("nobody", "", "")
    client.force_login(users["director"])
    page = client.get(dashboard_url(program)).content.decode()
    assert "Thu Nguyễn" in page
    assert "thu@north.example.org" not in page
    assert "Sam Lee (sam1@north.example.org)" in page
    assert "Sam Lee (sam2@north.example.org)" in page
    # A specialist with no name recorded is shown by email rather than not at all.
    assert unnamed.user.email.lower() in page


def _lines(svg: str) -> list[tuple[float, float, float]]:
    """(x, top, bottom) of every reference line in a chart."""
    import re

    found = re.findall(r'<line x1="([\d.]+)" x2="[\d.]+" y1="([\d.]+)" y2="([\d.]+)"', svg)
    return [(float(x), float(y1), float(y2)) for x, y1, y2 in found]


def _view_width(svg: str) -> float:
    import re

    return float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))


US_TIERS = (Line(31, "31"), Line(41, "41"), Line(50, "50"))


@pytest.mark.parametrize(
    ("bars", "maximum", "unit", "lines"),
    [
        # A rate just short of, on and past each tier line, and the whole scale.
        ([("US rate", float(v))], 100, " %", US_TIERS)
        for v in (0, 5, 26, 28, 30, 31, 33, 36, 40, 41, 44, 45.5, 48, 50, 55, 88.8, 97, 100)
    ]
    + [
        ([("UK rate", 37.5)], 100, " %", (Line(40, "UK 40"),)),
        ([("Q1", 29.9), ("Q2", 40.2), ("Q3", None), ("Q4", 100.0)], 100, " %", US_TIERS),
        # Contacts a week around the goal line, and past the scale's maximum.
        (
            [(f"es{i}", v) for i, v in enumerate((5.2, 5.6, 5.75, 6, 6.3, 7.8, 8, 11.25))],
            8,
            "",
            (Line(6, "goal 6"),),
        ),
    ],  # fmt: skip
)
def test_no_benchmark_line_crosses_a_value_label(bars, maximum, unit, lines):
    svg = bar_chart("A chart", bars, maximum=maximum, unit=unit, lines=lines)
    boxes, drawn = _text_boxes(svg), _lines(svg)
    assert len(drawn) == len(lines)
    for left, right, top, bottom, text in boxes:
        for x, y1, y2 in drawn:
            crosses = left - 1 <= x <= right + 1 and y1 < bottom and top < y2
            assert not crosses, f"the line at x={x} crosses {text!r} ({left:.0f}-{right:.0f})"
        assert left >= 0
        assert right <= _view_width(svg), f"{text!r} runs off the picture"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]
            assert apart, f"{a[4]!r} overlaps {b[4]!r}"
    # Every value is still written in the chart.
    shown = {b[4] for b in boxes}
    assert all((f"{v:g}{unit}" if v is not None else "no data") in shown for _, v in bars)


@pytest.mark.parametrize("name", ["rates", "contacts", "trend"])
def test_each_chart_downloads_as_a_png_picture_of_the_same_chart(client, name):
    import io
    import re

    from PIL import Image

    from ips.models import StaffMember

    program = build_program("Sized", specialists=3, seekers=30, contacts=300)
    director = StaffMember.objects.filter(program=program).first()
    director.role = "director"
    director.save()
    client.force_login(director.user)
    query = f"?program={program.pk}&start=2026-07-01&end=2026-09-30"
    page = client.get(reverse("reports:dashboard") + query).content.decode()
    link = reverse("reports:chart_png", args=[name])
    assert link in page
    response = client.get(link + query)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].endswith('.png"')
    picture = Image.open(io.BytesIO(response.content))
    assert picture.format == "PNG"
    svg = client.get(reverse("reports:chart", args=[name]) + query).content.decode()
    width, height = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()
    # Twice the SVG's size (sharp on a slide), with each bar and line where the SVG has it.
    assert picture.size == (round(float(width) * 2), round(float(height) * 2))
    rgb = picture.convert("RGB")
    bars = re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg)
    wide = [tuple(map(float, bar)) for bar in bars if float(bar[2]) >= 4]
    assert wide, "the chart has bars to find"
    for x, y, _, _ in wide:
        assert rgb.getpixel((round((x + 1) * 2), round((y + 2) * 2))) == (43, 108, 176)
    for x, y1, _ in _lines(svg):
        assert rgb.getpixel((round(x * 2), round((y1 + 2) * 2))) == (183, 65, 14)
    # Dark text was drawn (the labels), not only shapes.
    assert picture.convert("L").getextrema()[0] < 80


@pytest.mark.parametrize("name", ["rates", "contacts", "trend"])
def test_each_chart_downloads_as_an_svg_file(client, program, users, name):
    client.force_login(users["director"])
    query = f"?program={program.pk}&start=2026-07-01&end=2026-09-30"
    page = client.get(reverse("reports:dashboard") + query).content.decode()
    link = reverse("reports:chart", args=[name])
    assert link in page
    response = client.get(link + query)
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"].endswith('.svg"')
    assert response.content.startswith(b"<svg")


def test_unknown_chart_or_bad_period_is_refused(client, program, users):
    client.force_login(users["director"])
    assert client.get(reverse("reports:chart", args=["pie"])).status_code == 404
    bad = f"?program={program.pk}&start=2026-09-30&end=2026-07-01"
    assert client.get(reverse("reports:chart", args=["rates"]) + bad).status_code == 400
    client.force_login(users["coach"])
    assert client.get(reverse("reports:chart", args=["rates"])).status_code == 302


def test_a_quarter_nobody_was_served_shows_no_rate_in_the_trend(client, program, users):
    """Nobody served: "no data" in the trend chart, never a 0 % bar; the items table says
    the quarter had nobody served."""
    client.force_login(users["director"])
    query = f"?program={program.pk}&start=2026-07-01&end=2026-09-30"
    response = client.get(reverse("reports:dashboard") + query)
    trend = response.context["charts"]["trend"]
    assert "2026 Q3: no data" in trend
    assert ": 0 %" not in trend
    assert ">0 %<" not in trend
    assert "2026 Q3 (nobody served)" in response.content.decode()


def test_the_headline_figures_come_before_one_download_section_holding_every_export(
    client, program, users
):
    """Red team (issue 17): the headline figures sat below about 20 export buttons. Now
    the outcomes come first, and every export (the report's formats, each CSV table, each
    chart's SVG and PNG) is in one "Download" section after them."""
    import re

    from reports.views import CHARTS, CSV_TABLE_LABELS

    client.force_login(users["director"])
    page = client.get(dashboard_url(program)).content.decode()
    main = page.split("<main", 1)[1]
    headline = main.index("Outcomes for the period")
    section = re.search(r'<section class="ips-downloads".*?</section>', main, re.S)
    assert section is not None
    assert headline < section.start()
    downloads = section.group(0)
    exports = [reverse("reports:report", args=[kind]) for kind in ("pdf", "xlsx", "html")]
    exports += [reverse("reports:report", args=[kind]) for kind in ("csv", "json")]
    exports += [reverse("reports:report_table", args=[slug]) for slug, _ in CSV_TABLE_LABELS]
    exports += [reverse("reports:chart", args=[name]) for name in CHARTS]
    exports += [reverse("reports:chart_png", args=[name]) for name in CHARTS]
    for link in exports:
        assert f'href="{link}?' in downloads, link
        # Nowhere else on the page, above the figures or beside the charts.
        assert main.count(f'href="{link}?') == 1, link
    assert "<details>" in downloads  # one tap opens it; shut, it is one line tall
