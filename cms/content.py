"""The starting words of the standard pages (editors change them in the workspace)."""

HOME_INTRO = "We help people who use mental-health services find and keep ordinary jobs."
HOME_BODY = """
<h2>What this program is</h2>
<p>Our employment specialists help you look for a job you want: a real job, with real pay,
working next to other people. You do not have to be "ready". If you want to work, you can start.</p>
<h2>How it works, in plain words</h2>
<ul>
<li>You tell us what work you would like. We listen to what you like and what you are good at.</li>
<li>We start looking for jobs with you soon, usually within a month.</li>
<li>We meet employers for you, with you, or not at all: you choose.</li>
<li>We can help you understand how working affects your benefits.</li>
<li>After you start a job, we keep helping for as long as you want.</li>
</ul>
<h2>How to get a specialist</h2>
<p>Ask anyone on your mental-health team, or call the program. Anyone who wants to work can join.
There is no waiting list test and no cost to you.</p>
"""

OPENINGS_INTRO = "Jobs employers told us about. Ask your specialist about any of them."

PAGES = (
    {
        "slug": "about-the-program",
        "title": "About the program",
        "intro": "Individual Placement and Support (IPS) helps people find and keep jobs.",
        "body": """
<h2>Who can join</h2>
<p>Anyone who uses our mental-health services and wants to work. Nobody is turned away
because of their health, their past, or how long they have been out of work.</p>
<h2>What a specialist does</h2>
<p>Your specialist gets to know you, helps you look for jobs that suit you, talks to employers,
and keeps supporting you once you are working.</p>
<h2>Your information</h2>
<p>You decide what an employer is told about you.
Nothing about you is ever shown on this website.</p>
""",
    },
    {
        "slug": "how-ips-works",
        "title": "How IPS works",
        "intro": "Eight simple ideas guide everything we do.",
        "body": """
<ol>
<li>Anyone who wants to work can join.</li>
<li>The goal is a real job in the community.</li>
<li>Employment help is part of your mental-health care.</li>
<li>What you like and want comes first.</li>
<li>You get help understanding benefits.</li>
<li>The job search starts quickly.</li>
<li>Specialists build relationships with employers.</li>
<li>Support keeps going after you start work.</li>
</ol>
""",
    },
    {
        "slug": "about-the-data",
        "title": "About the data",
        "intro": "Where the job information on this site comes from.",
        "body": """
<p>The kinds of work on this site use the O*NET-SOC occupation list from the O*NET 29.2
Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA).
It is used under the
<a href="https://creativecommons.org/licenses/by/4.0/">
Creative Commons Attribution 4.0 License (CC BY 4.0)</a>.
We changed the occupation names into plainer words in some places.</p>
<p>O*NET&reg; is a trademark of USDOL/ETA. USDOL/ETA has not approved, endorsed, or tested
this site or the way it uses the data.</p>
<p>Job openings are added by our employment specialists, only when the employer agrees.
Distances are measured from the middle of a ZIP code, so they are approximate.</p>
""",
    },
)
