"""Word lists for reading notes: function words per language, and the words of career talk that
say nothing on their own ("offered", "great", "team"), so they never become a theme.

Every word is written folded (lower case, no diacritics), the way `text.fold` leaves a note.
The function-word lists are our own short ones for the languages people most often write notes
in here; they also decide which Snowball stemmer reads a note (`text.language_of`).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "english": _words("""
        a about above after again against all also am an and any are aren as at be because
        been before being below between both but by can cannot could couldn did didn do does
        doesn doing don down during each either else even ever every few for from further get
        gets got had hadn has hasn have haven having he her here hers herself him himself his
        how however i if in into is isn it its itself just let ll me might mine more most must
        mustn my myself no nor not now of off on once one ones only or other others our ours
        ourselves out over own per quite rather re same shall she should shouldn since so some
        such than that the their theirs them themselves then there these they this those though
        through thus to too under until up upon us ve very via was wasn we were weren what when
        where whether which while who whom whose why will with within without won would wouldn
        yet you your yours yourself yourselves s t d m o y etc vs ok okay yes yeah oh hey hi
        eg ie e g"""),
    "french": _words("""
        a au aux avec ce ces cet cette c ceci cela ca chez comme dans de des du d elle elles en
        et eux il ils je j la le les leur leurs l lui ma mais me meme mes moi mon m ne n nos
        notre nous on ou par pas pour qu que qui quoi sa se ses si son sur s ta te tes toi ton
        tu t un une vos votre vous y ete etre avoir ai as avait avons avez ont est sont suis
        sommes etes fait faire plus tres aussi bien tout tous toute toutes donc alors car puis
        encore deja ici la peu sans sous vers entre apres avant depuis pendant cela celui
        celle ceux dont quand comment pourquoi parce"""),
    "spanish": _words("""
        a al algo algunos ante antes como con contra cual cuando de del desde donde durante e
        el ella ellas ellos en entre era eran es esa esas ese eso esos esta estaba estan estar
        este esto estos fue fueron ha han hay la las le les lo los mas me mi mis muy nada ni no
        nos nosotros o os otra otro otros para pero poco por porque que quien se sea ser si
        sin sobre su sus tambien te tener tiene tienen todo todos tu tus un una uno unos y ya
        yo hacer hace muy mucho muchos bien"""),
    "german": _words("""
        ab aber alle allem allen aller alles als also am an auch auf aus bei bin bis bist da
        damit dann das dass dein deine dem den der des dich die dies diese diesem diesen dieser
        dieses dir doch dort du durch ein eine einem einen einer eines er es etwas euch euer
        fur hab habe haben hat hatte hier ich ihr ihre im in ist ja jede jedem jeden jeder
        jedes kann kein keine mal man mehr mein meine mich mir mit muss nach nicht nichts noch
        nur ob oder ohne sehr sein seine sich sie sind so soll sollte uber um und uns unser
        unter vom von vor war waren warum was weil wenn wer werden wie wir wird wo zu zum zur
        sehr gut ganz"""),
    "italian": _words("""
        a ad al alla alle allo agli anche che chi ci come con da dal dalla dei del della delle
        dello di e ed era gli ha hanno ho i il in io la le lei lo loro lui ma mi mia mio ne nel
        nella noi non o per perche piu quale quando quella quello questa questo se si sono su
        sua suo tra tu un una uno voi molto fare fatto anche"""),
    "portuguese": _words("""
        a ao aos as com como da das de do dos e ela elas ele eles em entre era essa esse esta
        este eu foi for ha isso isto ja lhe mais mas me mesmo meu minha muito na nas nao nem
        no nos o os ou para pela pelo por qual quando que quem se sem ser seu sua suas seus so
        tambem te tem um uma umas uns voce fazer bem"""),
    "dutch": _words("""
        aan al als bij dan dat de der deze die dit doch door een en er ge geen had heb hebben
        heeft hem het hier hij hoe hun ik in is ja je kan kon maar me meer men met mij mijn
        na naar niet niets nog nu of om omdat onder ons ook op over te tot u uit van veel voor
        want waren was wat we wel werd wie wij wil worden zal ze zei zelf zich zij zijn zo zou"""),
}
LANGUAGES = tuple(STOPWORDS)

# Career talk that carries no theme and no phrase ("learn", "offered", "great"). Matched on the
# word's stem (so "offered", "offering" go too).
GENERIC_STEMMED = _words("""
    advice advise ask answer agree allow appear approach aspect become begin believe bit
    bring build call case chance change chat check choose come conversation deal decide
    describe detail discuss do example expect explain fact feel find follow friend give go
    goal guy happen help idea include information interest introduce keep kind know learn
    leave like look lot love make mean meet mention mind moment month need note offer
    option part place plan point put question reason recommend refer referral remember say
    see seem set share show side sort start stay stuff suggest take talk tell thank thing
    think time tip topic try turn understand use want way week write year apply
    target list obstacle theme strategy gap fit email""")
# Broad nouns of the job hunt: never a theme alone, but fine in a phrase with a word that
# carries meaning ("data storytelling", "team lead" is not: both are broad).
BROAD_STEMMED = _words("""
    data team work job role company field experience level people person area interview
    meeting coffee industry employer employers organization organisation business career
    day week analyst analytics analysis manager engineer director consultant specialist
    associate officer head lead senior junior intern department office group
    project product process system report model tool""")
# The same, compared as written (no stemming): words whose stem would collide with a real
# term ("excellent" stems to "excel", like the spreadsheet).
GENERIC_WORDS = _words("""
    good better best great nice bad big small little large high low new first last next
    real really sure easy hard quick quickly short whole different similar simple
    important interesting helpful useful possible probably maybe definitely especially
    usually usual often always never sometimes everyone everything something lot lots
    much many less enough still around away back later today tomorrow yesterday
    said told asked went came got made done tried thought seemed true right well
    excellent amazing awesome fantastic wonderful lovely cool fun glad happy nicely
    absolutely actually basically certainly clearly exactly honestly literally obviously
    simply totally truly
    mr mrs ms dr
    non pre anti multi semi sub
    instead again already anyway perhaps almost soon else otherwise together although
    unless whatever whenever somewhere someone anyone nobody everybody somebody
    conseil conseils idee travail equipe personne gens chose choses vraiment apprendre
    apprends appris apprenez prendre faut consejo idea trabajo equipo persona cosa cosas
    realmente aprender aprende aprendi tomar hay rat idee arbeit person sache wirklich lernen
    lerne gelernt machen""")

# Two-word phrases that are figures of speech, not topics ("of course" is not about a course).
IDIOMS = frozenset({("of", "course"), ("bien", "sur")})

# Skills and tools people are told to learn: a theme made of one of these is shown as a skill.
# Folded and matched on the stem, like every other term (see `text.skill_stems`).
# Only words that mean the skill in any sentence ("design" or "research" do not).
SKILLS = _words("""
    sql python excel tableau powerbi looker dbt spark airflow statistics regression
    forecasting visualization visualisation storytelling javascript typescript html css
    react java scala kotlin golang matlab sas spss stata qgis gis arcgis figma
    programming scripting aws azure gcp docker kubernetes git linux pmp scrum agile
    kanban jira salesforce hubspot prototyping epidemiology biostatistics econometrics
    bookkeeping ux ui ml ai nlp bi etl crm erp api""")

# Legal forms at the end of an organization's name, left off when looking for it in notes.
LEGAL = _words("""inc llc ltd ltda gmbh ag sa sas sarl srl spa bv nv plc corp corporation co
                  company pty lp llp oy ab as""")
