import HDriveCore
import Testing
import HDriveExtract

/// Internet mail and HTML: encodings undone, the readable part chosen, attachments apart.
@Suite struct MailExtractionTests {
    let extractor = Extractor()

    static let multipart = """
        From: =?UTF-8?Q?Ren=C3=A9e_Jansen?= <renee@example.org>
        To: Jan Bakker <jan@example.org>
        Subject: =?ISO-8859-1?B?Q2Fm6SBpbg==?= =?ISO-8859-1?Q?_Z=FCrich?=
        Date: Wed, 12 Mar 2008 14:30:00 +0100
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="grens"

        --grens
        Content-Type: multipart/alternative; boundary=binnen

        --binnen
        Content-Type: text/plain; charset=windows-1252
        Content-Transfer-Encoding: quoted-printable

        De koffie kost =80 4,50 en is =
        duur.
        --binnen
        Content-Type: text/html; charset=utf-8

        <p>De koffie (HTML)</p>
        --binnen--
        --grens
        Content-Type: text/plain; name=notitie.txt
        Content-Disposition: attachment; filename="notitie.txt"
        Content-Transfer-Encoding: base64

        QmVkcmFnOiA0MC4wMDAgZXVybw==
        --grens--
        """

    @Test func mailGivesDecodedHeadersThePlainPartAndAttachments() throws {
        let document = try #require(extractor.extract(bytes: Array(Self.multipart.utf8), name: "bericht.eml").document)
        #expect(document.type == .email)
        #expect(document.title == "Café in Zürich")
        #expect(document.metadata.author == "Renée Jansen <renee@example.org>")
        #expect(document.metadata.recipients == "Jan Bakker <jan@example.org>")
        #expect(document.metadata.created == "2008-03-12T14:30:00+01:00")
        #expect(document.body == "From: Renée Jansen <renee@example.org>\nTo: Jan Bakker <jan@example.org>\n"
                + "Subject: Café in Zürich\nDe koffie kost € 4,50 en is duur.")
        #expect(document.members.map(\.path) == ["notitie.txt"])
        #expect(document.members.first?.document?.body == "Bedrag: 40.000 euro")
    }

    @Test func mailboxGivesEveryMessage() throws {
        let mbox = "From a@example.org Sat Jan  3 01:05:34 1996\nSubject: Een\n\nEerste bericht\n\n"
            + "From b@example.org Sat Jan  3 01:06:34 1996\nSubject: Twee\n\nTweede bericht\n"
        let document = try #require(extractor.extract(bytes: Array(mbox.utf8), name: "inbox.mbox").document)
        #expect(document.type == .mbox)
        #expect(document.body == "Subject: Een\nEerste bericht\nSubject: Twee\nTweede bericht")
        #expect(document.metadata.pageCount == 2)
    }

    @Test func htmlGivesTitleAndBodyWithoutScriptsOrStyles() throws {
        let html = """
            <!DOCTYPE html><html lang="nl"><head><title>Jaarplan</title><meta name="author" content="Marieke">
            <style>p { color: red }</style><script>var geheim = 1;</script></head>
            <body><h1>Begroting</h1><p>Onderhoud &amp; <b>gemalen</b></p><img alt="kaart van de polder"><ul><li>Een</li><li>Twee</li></ul></body></html>
            """
        let document = try #require(extractor.extract(bytes: Array(html.utf8), name: "jaarplan.htm").document)
        #expect(document.type == .html)
        #expect(document.title == "Jaarplan")
        #expect(document.metadata.author == "Marieke")
        #expect(document.metadata.language == "nl")
        #expect(document.body == "Begroting\nOnderhoud & gemalen\nkaart van de polder\nEen\nTwee")
    }

    @Test func genericXMLGivesItsTextButNeverAnEntity() throws {
        let xml = #"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r><a>Post</a><b>&x;Bedrag</b></r>"#
        let document = try #require(extractor.extract(bytes: Array(xml.utf8), name: "data.xml").document)
        #expect(document.type == .xml)
        #expect(document.body == "Post\nBedrag")
    }
}
