#!/bin/sh
# Regenerates the office fixtures: the extractor's test files, the end-to-end test files and
# the demo share under examples/share. Needs LibreOffice (soffice) and a POSIX shell only.
# Safe to run again: every output is rewritten. Office files carry LibreOffice's save date,
# so their bytes differ between runs while their text and properties stay the same.
#
# Sources are written here as a small markup, turned into flat ODF (.fodt, which carries the
# title and author in office:meta), then converted by LibreOffice to .odt and .docx:
#   line 1 title, line 2 author, line 3 creation date, line 4 language, then the body:
#   "# text" a heading, "- text" a list item, any other non-empty line a paragraph.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
unit="$here/HDriveExtractTests/Fixtures"
e2e="$here/EndToEndTests/Fixtures"
share="$root/examples/share"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src" "$work/out" "$unit" "$e2e" "$share/Financien" "$share/Projecten/2008" "$share/HR"

command -v soffice >/dev/null || { echo "make-fixtures: soffice (LibreOffice) is required" >&2; exit 1; }

# doc NAME: reads the markup on stdin, writes $work/src/NAME.fodt
doc() {
    awk -v q='"' '
    function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
    function closelist() { if (inlist) { print "    </text:list>"; inlist = 0 } }
    NR == 1 { title = esc($0); next }
    NR == 2 { author = esc($0); next }
    NR == 3 { created = $0; next }
    NR == 4 {
        print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        print "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
        print "  xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
        print "  xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
        print "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
        print "  office:version=\"1.3\" office:mimetype=\"application/vnd.oasis.opendocument.text\">"
        print "  <office:meta>"
        print "    <dc:title>" title "</dc:title>"
        print "    <meta:initial-creator>" author "</meta:initial-creator>"
        print "    <dc:creator>" author "</dc:creator>"
        print "    <meta:creation-date>" created "</meta:creation-date>"
        print "    <dc:language>" $0 "</dc:language>"
        print "  </office:meta>"
        print "  <office:body><office:text>"
        next
    }
    /^# / { closelist(); print "    <text:h text:outline-level=" q 1 q ">" esc(substr($0, 3)) "</text:h>"; next }
    /^- / {
        if (!inlist) { print "    <text:list>"; inlist = 1 }
        print "      <text:list-item><text:p>" esc(substr($0, 3)) "</text:p></text:list-item>"; next
    }
    /^$/ { closelist(); next }
    { closelist(); print "    <text:p>" esc($0) "</text:p>" }
    END { closelist(); print "  </office:text></office:body>"; print "</office:document>" }
    ' > "$work/src/$1.fodt"
}

# convert FORMAT: converts every source to FORMAT in one LibreOffice run (a private profile,
# so a desktop LibreOffice that is open does not interfere).
convert() {
    soffice -env:UserInstallation="file://$work/profile" --headless --convert-to "$1" \
        --outdir "$work/out" "$work"/src/*.fodt >/dev/null 2>&1
}

# place NAME.EXT DEST: copies a converted file to its destination.
place() {
    cp "$work/out/$1" "$2"
}

# ---------------------------------------------------------------------------------------
# Extractor fixtures: one document with every construct the ODT and DOCX readers handle
# (heading, list, table, explicit spaces, tab, line break, footnote, non-ASCII), written as
# flat ODF by hand. HDriveExtractTests assert on this text, title and author.
cat > "$work/src/vergaderverslag.fodt" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
  <office:meta>
    <dc:title>Verslag overleg waterschap maart 2008</dc:title>
    <dc:subject>Dagelijks bestuur</dc:subject>
    <meta:initial-creator>Marieke de Vries</meta:initial-creator>
    <dc:creator>Marieke de Vries</dc:creator>
    <meta:creation-date>2008-03-12T14:30:00</meta:creation-date>
    <meta:keyword>begroting</meta:keyword>
    <meta:keyword>dijkversterking</meta:keyword>
    <dc:language>nl-NL</dc:language>
  </office:meta>
  <office:body><office:text>
    <text:h text:outline-level="1">Verslag overleg 12 maart 2008</text:h>
    <text:p>Aanwezig: Jan Bakker, Marieke de Vries en Pieter Jansen.</text:p>
    <text:p>Bedrag:<text:s text:c="3"/>12.500 euro<text:tab/>goedgekeurd</text:p>
    <text:p>Eerste regel<text:line-break/>Tweede regel</text:p>
    <text:list>
      <text:list-item><text:p>Begroting 2009 vaststellen</text:p></text:list-item>
      <text:list-item><text:p>Dijkversterking Oostpolder plannen</text:p></text:list-item>
    </text:list>
    <table:table table:name="Posten">
      <table:table-column table:number-columns-repeated="2"/>
      <table:table-row>
        <table:table-cell office:value-type="string"><text:p>Post</text:p></table:table-cell>
        <table:table-cell office:value-type="string"><text:p>Bedrag</text:p></table:table-cell>
      </table:table-row>
      <table:table-row>
        <table:table-cell office:value-type="string"><text:p>Onderhoud gemalen</text:p></table:table-cell>
        <table:table-cell office:value-type="string"><text:p>40.000 euro</text:p></table:table-cell>
      </table:table-row>
    </table:table>
    <text:p>Het dagelijks bestuur stemt in<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Onder voorbehoud van de algemene vergadering.</text:p></text:note-body></text:note> met het voorstel.</text:p>
    <text:p>Één café in Zürich kost meer dan verwacht.</text:p>
  </office:text></office:body>
</office:document>
EOF

# ---------------------------------------------------------------------------------------
# Excel fixtures, as .xls and .xlsx from one source: number formats (grouping, currency with a negative section, percent,
# fraction, dates, 12-hour time, scientific), a number and a string formula, a boolean, a
# comment, a text frame and a shape with text, two sheets sharing a string, and one string
# long enough to be split across CONTINUE records of the shared string table.
mkdir -p "$work/sheets"
long=$(awk 'BEGIN { for (i = 1; i <= 450; i++) printf "regel %d van de toelichting Ω; ", i; printf "einde van de lange tekst" }')
sed "s/LONG_TEXT/$long/" > "$work/sheets/begroting-gemalen.fods" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
  xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
  <office:meta>
    <dc:title>Begroting gemalen 2009</dc:title>
    <dc:subject>Onderhoud</dc:subject>
    <meta:initial-creator>Jan Bakker</meta:initial-creator>
    <dc:creator>Jan Bakker</dc:creator>
    <meta:creation-date>2008-11-03T10:00:00</meta:creation-date>
    <meta:keyword>gemalen</meta:keyword>
  </office:meta>
  <office:automatic-styles>
    <number:number-style style:name="N1">
      <number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/>
    </number:number-style>
    <number:currency-style style:name="N2P0" style:volatile="true">
      <number:currency-symbol number:language="en" number:country="US">$</number:currency-symbol>
      <number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/>
    </number:currency-style>
    <number:currency-style style:name="N2">
      <number:text>(</number:text>
      <number:currency-symbol number:language="en" number:country="US">$</number:currency-symbol>
      <number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/>
      <number:text>)</number:text>
      <style:map style:condition="value()&gt;=0" style:apply-style-name="N2P0"/>
    </number:currency-style>
    <number:percentage-style style:name="N3">
      <number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/>
      <number:text>%</number:text>
    </number:percentage-style>
    <number:date-style style:name="N4">
      <number:day/><number:text>-</number:text><number:month number:textual="true"/><number:text>-</number:text><number:year/>
    </number:date-style>
    <number:date-style style:name="N5">
      <number:day-of-week number:style="long"/><number:text> </number:text><number:month number:textual="true" number:style="long"/>
      <number:text> </number:text><number:day/><number:text>, </number:text><number:year number:style="long"/>
    </number:date-style>
    <number:time-style style:name="N6">
      <number:hours/><number:text>:</number:text><number:minutes number:style="long"/><number:text> </number:text><number:am-pm/>
    </number:time-style>
    <number:number-style style:name="N7">
      <number:scientific-number number:decimal-places="2" number:min-integer-digits="1" number:min-exponent-digits="2"/>
    </number:number-style>
    <number:number-style style:name="N8">
      <number:fraction number:min-integer-digits="0" number:min-numerator-digits="1" number:min-denominator-digits="1"/>
    </number:number-style>
    <style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>
    <style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>
    <style:style style:name="ce3" style:family="table-cell" style:data-style-name="N3"/>
    <style:style style:name="ce4" style:family="table-cell" style:data-style-name="N4"/>
    <style:style style:name="ce5" style:family="table-cell" style:data-style-name="N5"/>
    <style:style style:name="ce6" style:family="table-cell" style:data-style-name="N6"/>
    <style:style style:name="ce7" style:family="table-cell" style:data-style-name="N7"/>
    <style:style style:name="ce8" style:family="table-cell" style:data-style-name="N8"/>
  </office:automatic-styles>
  <office:body><office:spreadsheet>
    <table:table table:name="Begroting">
      <table:table-column table:number-columns-repeated="3"/>
      <table:table-row>
        <table:table-cell office:value-type="string"><text:p>Post</text:p></table:table-cell>
        <table:table-cell office:value-type="string"><text:p>Bedrag</text:p></table:table-cell>
      </table:table-row>
      <table:table-row>
        <table:table-cell office:value-type="string"><text:p>Onderhoud gemalen</text:p>
          <office:annotation><dc:creator>Jan Bakker</dc:creator><text:p>Controleren bij de aannemer</text:p></office:annotation>
        </table:table-cell>
        <table:table-cell table:style-name="ce1" office:value-type="float" office:value="1599.99"><text:p>1,599.99</text:p></table:table-cell>
        <table:table-cell table:style-name="ce2" office:value-type="currency" office:currency="USD" office:value="-1599.99"><text:p>($1,599.99)</text:p></table:table-cell>
      </table:table-row>
      <table:table-row>
        <table:table-cell office:value-type="string"><text:p>Stijging</text:p></table:table-cell>
        <table:table-cell table:style-name="ce3" office:value-type="percentage" office:value="0.025"><text:p>2.50%</text:p></table:table-cell>
        <table:table-cell table:style-name="ce8" office:value-type="float" office:value="2.5"><text:p>2 1/2</text:p></table:table-cell>
      </table:table-row>
      <table:table-row>
        <table:table-cell office:value-type="string"><text:p>Vergadering</text:p></table:table-cell>
        <table:table-cell table:style-name="ce4" office:value-type="date" office:date-value="2007-05-17"><text:p>17-May-07</text:p></table:table-cell>
        <table:table-cell table:style-name="ce5" office:value-type="date" office:date-value="2007-05-17"><text:p>Thursday May 17, 2007</text:p></table:table-cell>
      </table:table-row>
      <table:table-row>
        <table:table-cell office:value-type="string"><text:p>Aanvang</text:p></table:table-cell>
        <table:table-cell table:style-name="ce6" office:value-type="time" office:time-value="PT18H15M00S"><text:p>6:15 PM</text:p></table:table-cell>
        <table:table-cell table:style-name="ce7" office:value-type="float" office:value="198356388"><text:p>1.98E+08</text:p></table:table-cell>
      </table:table-row>
      <table:table-row>
        <table:table-cell office:value-type="string"><text:p>Totaal</text:p></table:table-cell>
        <table:table-cell table:formula="of:=[.B2]*2" office:value-type="float" office:value="3199.98"><text:p>3199.98</text:p></table:table-cell>
        <table:table-cell table:formula="of:=[.A2]&amp;&quot; totaal&quot;"/>
      </table:table-row>
      <table:table-row>
        <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>
        <table:table-cell office:value-type="string"><text:p>Één café in Zürich kost € 4,50</text:p></table:table-cell>
        <table:table-cell office:value-type="float" office:value="42"><text:p>42</text:p></table:table-cell>
      </table:table-row>
      <table:shapes>
        <draw:frame draw:z-index="0" svg:width="5cm" svg:height="2cm" svg:x="8cm" svg:y="1cm">
          <draw:text-box><text:p>Tekstvak met toelichting</text:p></draw:text-box>
        </draw:frame>
        <draw:rect draw:z-index="1" svg:width="5cm" svg:height="2cm" svg:x="8cm" svg:y="4cm"><text:p>Rechthoek met tekst</text:p></draw:rect>
      </table:shapes>
    </table:table>
    <table:table table:name="Posten 2009">
      <table:table-row>
        <table:table-cell office:value-type="string"><text:p>Onderhoud gemalen</text:p></table:table-cell>
        <table:table-cell office:value-type="float" office:value="40000"><text:p>40000</text:p></table:table-cell>
      </table:table-row>
      <table:table-row>
        <table:table-cell office:value-type="string"><text:p>LONG_TEXT</text:p></table:table-cell>
      </table:table-row>
    </table:table>
  </office:spreadsheet></office:body>
</office:document>
EOF
for format in xls xlsx; do
    soffice -env:UserInstallation="file://$work/profile" --headless --convert-to "$format" \
        --outdir "$work/out" "$work/sheets/begroting-gemalen.fods" >/dev/null 2>&1
done

# ---------------------------------------------------------------------------------------
# End-to-end fixtures: each has words found in no other fixture (see EndToEndTests/FIXTURES.md).
doc besluit-huisvesting-2008 <<'EOF'
Besluit huisvesting 2008
Henk Smit
2008-06-18T09:00:00
nl-NL
# Besluit huisvesting 2008
Het college besluit de afdelingen Financiën en Projecten per 1 oktober 2008 te verhuizen naar het kantoorpand aan de Stationsweg. Deze kantoorverhuizing levert een besparing op de huurlasten op van ongeveer 18 procent per jaar.
De werkplekken worden flexibel ingericht: voor iedere tien medewerkers komen acht bureaus beschikbaar. De ondernemingsraad heeft op 4 juni 2008 positief geadviseerd.
EOF

doc begroting-waterschap <<'EOF'
Toelichting waterschapsbegroting 2008
Jan Bakker
2008-01-15T10:00:00
nl-NL
# Toelichting bij de waterschapsbegroting 2008
De waterschapsbegroting 2008 is door het algemeen bestuur vastgesteld op 12 december 2007. De totale lasten bedragen 48,6 miljoen euro, waarvan 21 miljoen voor watersysteembeheer.
De zuiveringsheffing stijgt met 2,4 procent. Voor het onderhoud van gemalen en stuwen is een extra bedrag gereserveerd.
EOF

doc quarterly-review <<'EOF'
Quarterly budget review Q3 2009
Emily Turner
2009-10-05T11:00:00
en-GB
# Quarterly budget review, third quarter 2009
This quarterly budget review compares actual spending with the approved budget for July to September 2009. Overall spending is 3 percent below plan.
Facilities costs rose because of the office move; travel and training stayed within their limits. The finance team proposes to move the unspent training money to the fourth quarter.
EOF

printf '%s\n' \
    'Regeling reiskostenvergoeding' \
    '' \
    'Medewerkers die met het openbaar vervoer naar kantoor reizen, krijgen een volledige reiskostenvergoeding op basis van het tweedeklas tarief.' \
    'Wie met de eigen auto reist, ontvangt 19 cent per kilometer, tot ten hoogste 60 kilometer enkele reis.' \
    'Declaraties worden maandelijks ingediend bij de afdeling Personeelszaken.' \
    > "$work/reiskosten.txt"

# ---------------------------------------------------------------------------------------
# Demo share: what a newcomer indexes first. Queries such as "begroting", "budget",
# "vergadering" and "travel policy" each find several of these, in a sensible order.
doc share-begroting-2008 <<'EOF'
Begroting 2008
Jan Bakker
2007-11-20T10:00:00
nl-NL
# Begroting 2008
Deze begroting beschrijft de verwachte lasten en baten voor het jaar 2008. Het algemeen bestuur stelt de begroting vast in de vergadering van december 2007.
# Uitgangspunten
- De loonkosten stijgen met 3 procent door de nieuwe cao.
- Voor automatisering is 450.000 euro opgenomen, vooral voor de vervanging van werkplekken.
- De huisvestingslasten blijven gelijk tot de verhuizing in oktober 2008.
# Risico's
De grootste onzekerheid in de begroting is de rente op de lening voor het nieuwe gemaal. Bij een rentestijging van 1 procent nemen de lasten met ongeveer 80.000 euro toe.
EOF

doc share-waterschapsbegroting <<'EOF'
Toelichting waterschapsbegroting
Jan Bakker
2008-01-10T09:30:00
nl-NL
# Toelichting waterschapsbegroting 2008
De waterschapsbegroting verdeelt de lasten over watersysteembeheer, zuivering en wegen. Het grootste deel, 44 procent, gaat naar het beheer van dijken, gemalen en watergangen.
De tarieven voor ingezetenen en eigenaren stijgen gemiddeld met 2,1 procent. Dit is lager dan in de meerjarenraming was voorzien, omdat de rente meeviel.
In de vergadering van het algemeen bestuur is gevraagd om een duidelijker overzicht van de reserves. Dat overzicht wordt bij de volgende begroting toegevoegd.
EOF

doc share-budget-review <<'EOF'
Budget review third quarter 2009
Emily Turner
2009-10-05T11:00:00
en-GB
# Quarterly budget review, Q3 2009
This review compares actual spending with the approved budget for the third quarter. Total spending was 2.9 million euro against a budget of 3.0 million.
# Main differences
- Travel costs were 12 percent below budget after the new travel policy took effect.
- IT spending was 8 percent above budget because of the delayed workstation replacement.
- Facilities costs rose because of the office move.
# Next steps
The finance team will present the revised budget for the fourth quarter at the management meeting on 20 October.
EOF

doc share-vergadering-projectgroep <<'EOF'
Verslag vergadering projectgroep dijkversterking
Pieter Jansen
2008-04-22T16:00:00
nl-NL
# Verslag vergadering projectgroep Dijkversterking Oostpolder, 22 april 2008
Aanwezig: Pieter Jansen (voorzitter), Marieke de Vries, Ahmed el Amrani en Sandra Visser.
# 1. Opening en vaststellen agenda
De voorzitter opent de vergadering om 14.00 uur. De agenda wordt ongewijzigd vastgesteld.
# 2. Voortgang ontwerp
Het ingenieursbureau heeft het voorlopig ontwerp opgeleverd. De projectgroep vraagt om een extra variant met een damwand bij de bebouwing van Oosterend.
# 3. Planning en budget
De aanbesteding schuift naar september 2008. Het budget voor de voorbereiding blijft binnen de begroting.
# Actiepunten
- Marieke stuurt het ontwerp naar de gemeente.
- Ahmed plant een informatieavond voor bewoners.
EOF

doc share-besluit-huisvesting <<'EOF'
Besluit huisvesting 2008
Henk Smit
2008-06-18T09:00:00
nl-NL
# Besluit huisvesting 2008
Het college heeft in de vergadering van 17 juni 2008 besloten het kantoor aan de Stationsweg te huren voor een periode van tien jaar.
De afdelingen Financiën, Projecten en HR verhuizen in oktober 2008. Tijdens de verhuisweek is het kantoor twee dagen gesloten.
De kosten van de verhuizing, 240.000 euro, worden gedekt uit de reserve huisvesting, zodat de begroting 2008 niet hoeft te worden gewijzigd.
EOF

doc share-kickoff-meeting <<'EOF'
Kick-off meeting notes: records management project
Emily Turner
2008-09-02T10:00:00
en-GB
# Kick-off meeting, records management project
Date: 2 September 2008. Present: Emily Turner, Jan Bakker, Sandra Visser.
The project will move all shared drive folders to a clear structure per department before the office move in October. Each department names one folder owner.
# Decisions
- Old project folders are archived after five years.
- Personal data is stored only in the HR folder.
The next meeting is planned for 16 September.
EOF

doc share-travel-policy <<'EOF'
Travel policy
Sandra Visser
2009-01-05T09:00:00
en-GB
# Travel policy
This travel policy applies to all staff who travel for work, in the Netherlands and abroad.
# Booking
Book train travel where the journey takes less than six hours. Flights are booked in economy class through the travel desk, at least two weeks ahead.
# Costs
Hotel costs are reimbursed up to 140 euro per night. Meals are reimbursed on receipts, up to 45 euro per day.
Travel by private car is paid at 19 cent per kilometre. Claims are submitted within one month after the trip.
EOF

doc share-reiskostenregeling <<'EOF'
Reiskostenregeling
Sandra Visser
2008-12-01T09:00:00
nl-NL
# Reiskostenregeling 2009
Deze regeling beschrijft de reiskostenvergoeding voor woon-werkverkeer en dienstreizen.
# Woon-werkverkeer
Medewerkers die met het openbaar vervoer reizen, krijgen de kosten van een tweedeklas abonnement volledig vergoed. Voor reizen met de eigen auto geldt een vergoeding van 19 cent per kilometer.
# Dienstreizen
Voor dienstreizen in het buitenland geldt het reisbeleid (travel policy) van de organisatie. Vraag vooraf toestemming aan uw leidinggevende.
EOF

# Plain text files of the demo share.
cat > "$work/kasboek-notities.txt" <<'EOF'
Notities kasboek januari 2008

De kas is op 31 januari geteld: 412,35 euro. Het verschil van 2,10 euro met het kasboek is niet verklaard.
Bonnetjes van de vergadering van het dagelijks bestuur (koffie en lunch) zijn ingeleverd bij Jan.

Let op: vanaf februari gaan kleine uitgaven via de nieuwe betaalpas en niet meer via de kas.
EOF

cat > "$work/planning-2008.txt" <<'EOF'
Planning projecten 2008

Q1  Voorbereiding dijkversterking Oostpolder: ontwerp en overleg met de gemeente.
Q2  Aanbesteding onderhoud gemalen; vergadering projectgroep elke vier weken.
Q3  Start uitvoering baggerwerk; budget review with the finance team in September.
Q4  Verhuizing naar de Stationsweg; evaluatie van de begroting 2008.
EOF

cat > "$work/onboarding.txt" <<'EOF'
Welcome to the team

Your first week: collect your badge at reception, meet your manager, and read the travel policy and the leave rules in the HR folder.

Shared drive: every department has its own folder (Financien, Projecten, HR). Ask the folder owner for access.

Questions about salary, leave or expenses go to HR. Questions about your laptop go to the service desk.
EOF

# ---------------------------------------------------------------------------------------
# List numbering (.docx and Word 97 .doc): levels of three formats, a level skipped on the way
# down, a label with text around the number, a list running through table cells, a restart.
# And a PDF with two text boxes side by side whose lines line up, to test reading order.
mkdir -p "$work/own"
cat > "$work/own/genummerde-lijst.fodt" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
  <office:meta><dc:title>Actielijst dijkversterking</dc:title></office:meta>
  <office:styles>
    <text:list-style style:name="Genummerd">
      <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
      <text:list-level-style-number text:level="2" style:num-format="a" style:num-suffix=")"/>
      <text:list-level-style-number text:level="3" style:num-format="i" style:num-suffix="." text:display-levels="3"/>
    </text:list-style>
    <text:list-style style:name="Stappen">
      <text:list-level-style-number text:level="1" style:num-prefix="Stap-" style:num-format="1" style:num-suffix="-klaar"/>
    </text:list-style>
    <text:list-style style:name="Hoofdletters">
      <text:list-level-style-number text:level="1" style:num-format="I" style:num-suffix="."/>
    </text:list-style>
  </office:styles>
  <office:automatic-styles>
    <style:style style:name="P1" style:family="paragraph" style:list-style-name="Genummerd"/>
    <style:style style:name="P2" style:family="paragraph" style:list-style-name="Stappen"/>
    <style:style style:name="P3" style:family="paragraph" style:list-style-name="Hoofdletters"/>
  </office:automatic-styles>
  <office:body><office:text>
    <text:p>Acties na het overleg:</text:p>
    <text:list xml:id="lijst1" text:style-name="Genummerd">
      <text:list-item><text:p text:style-name="P1">Begroting vaststellen</text:p>
        <text:list>
          <text:list-item><text:p text:style-name="P1">Lasten controleren</text:p></text:list-item>
          <text:list-item><text:p text:style-name="P1">Baten controleren</text:p>
            <text:list><text:list-item><text:p text:style-name="P1">Heffingen herzien</text:p></text:list-item></text:list>
          </text:list-item>
        </text:list>
      </text:list-item>
      <text:list-item><text:p text:style-name="P1">Dijkversterking plannen</text:p>
        <text:list><text:list-item><text:list><text:list-item><text:p text:style-name="P1">Damwand Oosterend</text:p></text:list-item></text:list></text:list-item>
          <text:list-item><text:p text:style-name="P1">Bewoners informeren</text:p></text:list-item>
        </text:list>
      </text:list-item>
    </text:list>
    <text:p>Aanbesteding in stappen:</text:p>
    <text:list text:style-name="Stappen">
      <text:list-item><text:p text:style-name="P2">Offerte opvragen</text:p></text:list-item>
      <text:list-item><text:p text:style-name="P2">Opdracht gunnen</text:p></text:list-item>
    </text:list>
    <table:table table:name="Taken">
      <table:table-column table:number-columns-repeated="2"/>
      <table:table-row>
        <table:table-cell office:value-type="string"><text:list text:style-name="Hoofdletters"><text:list-item><text:p text:style-name="P3">Gemaal onderhouden</text:p></text:list-item></text:list></table:table-cell>
        <table:table-cell office:value-type="string"><text:list text:style-name="Hoofdletters" text:continue-numbering="true"><text:list-item><text:p text:style-name="P3">Stuwen inspecteren</text:p></text:list-item></text:list></table:table-cell>
      </table:table-row>
    </table:table>
    <text:list text:style-name="Genummerd">
      <text:list-item text:start-value="6"><text:p text:style-name="P1">Zesde punt van de agenda</text:p></text:list-item>
      <text:list-item><text:p text:style-name="P1">Rondvraag</text:p></text:list-item>
    </text:list>
  </office:text></office:body>
</office:document>
EOF

cat > "$work/own/twee-tekstvakken.fodt" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
  <office:meta><dc:title>Twee tekstvakken</dc:title></office:meta>
  <office:automatic-styles>
    <style:style style:name="fr1" style:family="graphic"><style:graphic-properties fo:border="0.06pt solid #000000" style:wrap="none" style:vertical-pos="from-top" style:horizontal-pos="from-left" style:vertical-rel="paragraph" style:horizontal-rel="paragraph"/></style:style>
  </office:automatic-styles>
  <office:body><office:text>
    <text:p><draw:frame draw:style-name="fr1" text:anchor-type="paragraph" svg:x="0cm" svg:y="0cm" svg:width="4cm" svg:height="2cm" draw:z-index="0"><draw:text-box><text:p>Gemaal Oosterend krijgt</text:p><text:p>nieuwe pompen in 2009.</text:p></draw:text-box></draw:frame><draw:frame draw:style-name="fr1" text:anchor-type="paragraph" svg:x="4.2cm" svg:y="0.01cm" svg:width="4cm" svg:height="2cm" draw:z-index="1"><draw:text-box><text:p>Stuw Westerveld wordt</text:p><text:p>in 2010 vervangen.</text:p></draw:text-box></draw:frame></text:p>
  </office:text></office:body>
</office:document>
EOF

# convert_own FORMAT: converts the sources in $work/own only.
convert_own() {
    soffice -env:UserInstallation="file://$work/profile" --headless --convert-to "$1" \
        --outdir "$work/out" "$work"/own/"$2".fodt >/dev/null 2>&1
}

convert odt
convert docx
convert_own docx genummerde-lijst
convert_own doc genummerde-lijst
convert_own pdf twee-tekstvakken

# ---------------------------------------------------------------------------------------
# Placement.
place vergaderverslag.odt "$unit/vergaderverslag.odt"
place vergaderverslag.docx "$unit/vergaderverslag.docx"
place begroting-gemalen.xls "$unit/begroting-gemalen.xls"
place begroting-gemalen.xlsx "$unit/begroting-gemalen.xlsx"
for file in genummerde-lijst.docx genummerde-lijst.doc twee-tekstvakken.pdf; do place "$file" "$unit/$file"; done
printf '%s\n' 'Notities na de vergadering' '' 'Één café in Zürich: koffie € 4,50 — “duur”.' > "$unit/notities-utf8.txt"
# windows-1252 bytes: \351 é, \200 euro sign, \223 \224 curly quotes.
printf 'Caf\351 na de vergadering: \200 4,50 voor \223koffie\224.\n' > "$unit/notities-cp1252.txt"

place besluit-huisvesting-2008.docx "$e2e/besluit-huisvesting-2008.docx"
place begroting-waterschap.odt "$e2e/begroting-waterschap.odt"
place quarterly-review.docx "$e2e/quarterly-review.docx"
cp "$work/reiskosten.txt" "$e2e/reiskosten.txt"
cat > "$e2e/../FIXTURES.md" <<'EOF'
# End-to-end fixtures

Made by `Tests/make-fixtures.sh` (LibreOffice); do not edit by hand. Each distinctive word or
phrase below occurs in exactly one of these files.

| file | type | title (document property) | distinctive words |
|---|---|---|---|
| `besluit-huisvesting-2008.docx` | docx | Besluit huisvesting 2008 (author Henk Smit) | `kantoorverhuizing`, `Stationsweg`, `ondernemingsraad` |
| `begroting-waterschap.odt` | odt | Toelichting waterschapsbegroting 2008 (author Jan Bakker) | `waterschapsbegroting`, `zuiveringsheffing` |
| `quarterly-review.docx` | docx | Quarterly budget review Q3 2009 (author Emily Turner) | `quarterly budget review` (phrase), `unspent` |
| `reiskosten.txt` | text (UTF-8) | none (the file name stands in) | `reiskostenvergoeding`, `tweedeklas` |
EOF

place share-begroting-2008.odt "$share/Financien/begroting-2008.odt"
place share-waterschapsbegroting.docx "$share/Financien/toelichting-waterschapsbegroting.docx"
place share-budget-review.docx "$share/Financien/budget-review-q3-2009.docx"
cp "$work/kasboek-notities.txt" "$share/Financien/kasboek-notities.txt"
place share-vergadering-projectgroep.odt "$share/Projecten/2008/verslag-vergadering-projectgroep.odt"
place share-besluit-huisvesting.docx "$share/Projecten/2008/besluit-huisvesting-2008.docx"
place share-kickoff-meeting.odt "$share/Projecten/2008/kickoff-meeting-records-management.odt"
cp "$work/planning-2008.txt" "$share/Projecten/2008/planning-2008.txt"
place share-travel-policy.docx "$share/HR/travel-policy.docx"
place share-reiskostenregeling.odt "$share/HR/reiskostenregeling.odt"
cp "$work/onboarding.txt" "$share/HR/onboarding-new-staff.txt"

echo "make-fixtures: wrote $(ls "$unit" | wc -l) unit, $(ls "$e2e" | wc -l) end-to-end and" \
     "$(find "$share" -type f | wc -l) demo share files"
