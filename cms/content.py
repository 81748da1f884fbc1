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


# --- The same pages in Spanish (issue 20, item 5) -------------------------------------
# Written for meaning, not word for word: short sentences, "usted", everyday words, the
# same reading level as the English. The Spanish page tree keeps the English slugs under
# /es/ (the header's links are built from them, cms.templatetags.cms_tags.site_path).

HOME_TITLE_ES = "Encuentre el trabajo que quiere"
HOME_INTRO_ES = (
    "Ayudamos a personas que usan servicios de salud mental a encontrar y mantener un trabajo."
)
HOME_BODY_ES = """
<h2>Qué es este programa</h2>
<p>Nuestros especialistas de empleo le ayudan a buscar el trabajo que usted quiere: un trabajo
de verdad, con un sueldo de verdad, junto a otras personas. No tiene que estar "listo".
Si quiere trabajar, puede empezar.</p>
<h2>Cómo funciona, en pocas palabras</h2>
<ul>
<li>Usted nos dice qué trabajo le gustaría. Escuchamos lo que le gusta y lo que hace bien.</li>
<li>Empezamos a buscar trabajo con usted pronto, casi siempre en menos de un mes.</li>
<li>Hablamos con los empleadores por usted, junto con usted, o no hablamos con ellos:
usted decide.</li>
<li>Le ayudamos a entender cómo el trabajo cambia sus beneficios.</li>
<li>Cuando empiece a trabajar, le seguimos ayudando todo el tiempo que quiera.</li>
</ul>
<h2>Cómo conseguir un especialista</h2>
<p>Pregunte a cualquier persona de su equipo de salud mental, o llame al programa.
Cualquier persona que quiera trabajar puede entrar. No hay lista de espera, no hay examen
y no le cuesta nada.</p>
"""

OPENINGS_TITLE_ES = "Trabajos disponibles"
OPENINGS_INTRO_ES = (
    "Trabajos de los que nos hablaron los empleadores. "
    "Pregunte a su especialista por cualquiera de ellos."
)

PAGES_ES = {
    "about-the-program": {
        "title": "Sobre el programa",
        "intro": "Colocación y Apoyo Individual (IPS) ayuda a las personas a encontrar "
        "y mantener un trabajo.",
        "body": """
<h2>Quién puede entrar</h2>
<p>Cualquier persona que use nuestros servicios de salud mental y quiera trabajar.
No rechazamos a nadie por su salud, por su pasado, o por el tiempo que lleva sin trabajar.</p>
<h2>Qué hace un especialista</h2>
<p>Su especialista le conoce, le ayuda a buscar trabajos que le queden bien, habla con los
empleadores, y le sigue apoyando cuando ya está trabajando.</p>
<h2>Sus datos</h2>
<p>Usted decide qué se le dice a un empleador sobre usted.
Nada sobre usted aparece nunca en este sitio web.</p>
""",
    },
    "how-ips-works": {
        "title": "Cómo funciona IPS",
        "intro": "Ocho ideas sencillas guían todo lo que hacemos.",
        "body": """
<ol>
<li>Cualquier persona que quiera trabajar puede entrar.</li>
<li>La meta es un trabajo de verdad en la comunidad.</li>
<li>La ayuda para el empleo es parte de su atención de salud mental.</li>
<li>Lo que a usted le gusta y quiere va primero.</li>
<li>Le ayudamos a entender sus beneficios.</li>
<li>La búsqueda de trabajo empieza pronto.</li>
<li>Los especialistas conocen a los empleadores y tratan con ellos.</li>
<li>El apoyo sigue después de que empieza a trabajar.</li>
</ol>
""",
    },
    "about-the-data": {
        "title": "Sobre los datos",
        "intro": "De dónde viene la información de trabajo de este sitio.",
        "body": """
<p>Los tipos de trabajo de este sitio usan la lista de ocupaciones O*NET-SOC de la base de datos
O*NET 29.2 del Departamento de Trabajo de los EE. UU., Administración de Empleo y Capacitación
(USDOL/ETA). Se usa bajo la
<a href="https://creativecommons.org/licenses/by/4.0/deed.es" hreflang="es">
Licencia Creative Commons Atribución 4.0 (CC BY 4.0)</a>.
En algunos lugares cambiamos los nombres de las ocupaciones por palabras más sencillas.</p>
<p>O*NET&reg; es una marca registrada de USDOL/ETA. USDOL/ETA no ha aprobado, apoyado ni probado
este sitio ni la forma en que usa los datos.</p>
<p>Nuestros especialistas de empleo agregan los trabajos disponibles solo cuando el empleador
está de acuerdo. Las distancias se miden desde el centro de un código postal,
así que son aproximadas.</p>
""",
    },
}
