#include "src/text/mail_header.h"

#include <initializer_list>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "reprint/text.h"
#include "src/text/markup.h"
#include "src/text/tokenizer_internal.h"
#include "tests/testing/words.h"

namespace reprint {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using ::reprint::testing::Words;

const char kListMail[] =
    "From list-admin@lists.example.org  Tue Aug  6 10:00:00 2002\n"
    "Return-Path: <list-admin@lists.example.org>\n"
    "Received: from relay.example.org (localhost [127.0.0.1])\n"
    "\tby mail.example.org (Postfix) with ESMTP id 1A2B3C\n"
    "Message-ID: <123.456@example.org>\n"
    "From: Ann Smith <ann@example.org>\n"
    "To: list@lists.example.org\n"
    "Subject: Storm hits\n"
    " the coast\n"
    "List-Id: <list.lists.example.org>\n"
    "\n"
    "The storm hit the coast today.\n";

TEST(MailHeader, OnlyTheSubjectOfAHeaderIsWords) {
  EXPECT_THAT(Words(kListMail),
              ElementsAre("Storm", "hits", "the", "coast", "The", "storm",
                          "hit", "the", "coast", "today"));
  size_t body = 0;
  const std::vector<ByteRange> spans =
      internal::MailHeaderSpans(kListMail, &body);
  const std::string mail = kListMail;
  EXPECT_EQ(body, mail.find("The storm"));
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].begin, 0u);
  EXPECT_EQ(spans[0].end, mail.find(" Storm hits"));
  EXPECT_EQ(spans[1].begin, mail.find("\nList-Id"));
  EXPECT_EQ(spans[1].end, body);
}

TEST(MailHeader, TwoMessagesThroughOneRelayShareNoWords) {
  std::string other = kListMail;
  const std::string subject = "Storm hits\n the coast";
  const std::string story = "The storm hit the coast today.";
  other.replace(other.find(subject), subject.size(), "Lunch");
  other.replace(other.find(story), story.size(), "Who is coming along?");
  EXPECT_THAT(Words(other),
              ElementsAre("Lunch", "Who", "is", "coming", "along"));
}

TEST(MailHeader, CrLfLinesAndAHeaderWithoutBody) {
  EXPECT_THAT(Words("Received: from a by b\r\nMessage-Id: <1@b>\r\n"
                    "Date: Tue, 6 Aug 2002\r\nSubject: Hello there\r\n\r\n"
                    "Body text\r\n"),
              ElementsAre("Hello", "there", "Body", "text"));
  EXPECT_THAT(Words("From: a@b.c\nTo: d@e.f\nSubject: Only this"),
              ElementsAre("Only", "this"));
}

TEST(MailHeader, TextsThatOpenWithFieldsOfOtherKindsStayText) {
  // Too few fields, no field only mail has, or a line that is no field.
  EXPECT_THAT(Words("From: Ann\nDate: today\n\nHi"),
              ElementsAre("From", "Ann", "Date", "today", "Hi"));
  EXPECT_THAT(Words("Title: Storm\nDate: today\nSubject: weather\n\nHi"),
              ElementsAre("Title", "Storm", "Date", "today", "Subject",
                          "weather", "Hi"));
  EXPECT_THAT(Words("From: Ann\nTo: Bob\nDate: today\nDear Bob,\n\nHi"),
              ElementsAre("From", "Ann", "To", "Bob", "Date", "today", "Dear",
                          "Bob", "Hi"));
  size_t body = 7;
  EXPECT_THAT(
      internal::MailHeaderSpans("Washington: The president said", &body),
      IsEmpty());
  EXPECT_EQ(body, 0u);
}

TEST(MailHeader, PartHeadersOfAMultipartBodyAreNotWords) {
  const std::string mail =
      "From: Ann <ann@example.org>\nMessage-ID: <1@x>\n"
      "Content-Type: multipart/alternative; boundary=\"b1\"\n\n"
      "--b1\nContent-Type: text/plain; charset=us-ascii\n"
      "Content-Transfer-Encoding: 7bit\n\nHello all\n"
      "--b1\nContent-Type: text/html;\n charset=iso-8859-1\n\n"
      "<html><body><p>Hi</p><br><div>x</div></body></html>\n"
      "--b1--\n";
  // The closing boundary has no part after it: its name stays a word.
  EXPECT_THAT(Words(mail), ElementsAre("Hello", "all", "Hi", "x", "b1"));
}

TEST(MailHeader, SpansKeepTheTokensOfTheWholeText) {
  std::mt19937 rng(11);
  const char* pieces[] = {"From: a@b\n",
                          "Received: x\n",
                          "\tby y\n",
                          "Subject: ",
                          "Storm hit\n",
                          " more\n",
                          "Message-ID: <1@b>\n",
                          "\n",
                          "\r\n",
                          "--b\n",
                          "Content-Type: text/plain\n",
                          "word ",
                          "<p>",
                          "</p>",
                          "<br>",
                          "don't ",
                          "caf\xC3\xA9 ",
                          "\xFF",
                          "X-Note: y\n",
                          "From x\n"};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i)
      text += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
    const std::vector<ByteRange> spans = internal::MarkupSpans(text);
    uint32_t last_end = 0;
    for (const ByteRange& r : spans) {
      ASSERT_LE(last_end, r.begin) << text;
      ASSERT_LT(r.begin, r.end) << text;
      ASSERT_LE(r.end, text.size()) << text;
      last_end = r.end;
    }
    // The stretches between spans, scanned one by one, give the words one
    // scan of the whole text gives there, on both tokeniser paths.
    std::vector<Token> outside;
    internal::TokenBoundsOutside(
        text, ByteRange{0, static_cast<uint32_t>(text.size())}, spans,
        &outside);
    std::vector<Token> fast, slow;
    internal::TokenizeImpl(text, &fast, true);
    internal::TokenizeImpl(text, &slow, false);
    ASSERT_EQ(outside.size(), fast.size()) << text;
    ASSERT_EQ(slow.size(), fast.size()) << text;
    for (size_t i = 0; i < fast.size(); ++i) {
      EXPECT_EQ(outside[i].begin, fast[i].begin) << text;
      EXPECT_EQ(outside[i].end, fast[i].end) << text;
      EXPECT_EQ(slow[i].hash, fast[i].hash) << text;
    }
  }
}

TEST(ReadMailFields, ListAndDateOfAMail) {
  struct Case {
    const char* text;
    const char* list;
    const char* date;
  };
  for (const Case& c : std::initializer_list<Case>{
           // Folded fields; the List-Id identifier; the date's zone comment
           // dropped; a field-like line of the body ignored.
           {"Return-Path: <a@example.org>\n"
            "Date: Thu, 22 Aug 2002 18:26:25\n"
            "\t+0700 (ICT)\n"
            "List-Id: Irish Linux Users'\n"
            " Group <ILUG.linux.ie>\n"
            "Subject: hello\n"
            "\n"
            "List-Id: <not.a.field.of.the.header>\n",
            "ilug.linux.ie", "Thu, 22 Aug 2002 18:26:25 +0700"},
           // Mailing-List when there is no List-Id.
           {"Delivered-To: me@example.org\n"
            "Mailing-List: list Forteana@yahoogroups.com; contact "
            "forteana-owner@yahoogroups.com\n"
            "To: forteana@yahoogroups.com\n\nbody\n",
            "forteana@yahoogroups.com", ""},
           // A bare List-Id identifier.
           {"Message-ID: <1@x>\nFrom: a@x\nList-Id: razor-users.example.net\n",
            "razor-users.example.net", ""},
       }) {
    const internal::MailFields f = internal::ReadMailFields(c.text);
    EXPECT_EQ(f.list, c.list) << c.text;
    EXPECT_EQ(f.date, c.date) << c.text;
  }
}

TEST(ReadMailFields, NothingOutsideAMail) {
  // A document with header-like lines that is no mail, and plain text.
  for (const char* text :
       {"Title: Notes\nDate: 2002-08-06\nList-Id: <x.y>\n\nText.\n",
        "Date: Tue, 6 Aug 2002\nand then some text\n"}) {
    const internal::MailFields f = internal::ReadMailFields(text);
    EXPECT_EQ(f.list, "") << text;
    EXPECT_EQ(f.date, "") << text;
  }
  // The mail the other tests read is one.
  EXPECT_EQ(internal::ReadMailFields(kListMail).list, "list.lists.example.org");
}

}  // namespace
}  // namespace reprint
