// TokenFileCredentialSource: the token is read at once, re-read when the file changes (checked at
// most once per interval), re-read after invalidate(), and kept when a re-read fails.
#include "kube/token_file_credential_source.h"

#include <gtest/gtest.h>

#include <QTemporaryDir>
#include <chrono>

#include "unit/kube/kube_fixtures.h"

using scaledeck::base::ErrorKind;
using scaledeck::kube::Credentials;
using scaledeck::kube::TokenFileCredentialSource;
using scaledeck::kube::testing::writeTextFile;
using namespace std::chrono_literals;

namespace {

class TokenFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("token"));
        m_options.recheckInterval = 5s;
        m_options.now = [this] { return m_now; };
    }
    std::shared_ptr<TokenFileCredentialSource> open(Credentials base = {}) {
        auto source = TokenFileCredentialSource::open(
            m_path.toStdString(), "/k/config: user \"bot\"", "token", base, m_options);
        EXPECT_TRUE(source.ok()) << source.error().message;
        return source.ok() ? *source : nullptr;
    }

    QTemporaryDir m_dir;
    QString m_path;
    TokenFileCredentialSource::Options m_options;
    std::chrono::steady_clock::time_point m_now{std::chrono::hours(1)};
};

TEST_F(TokenFileTest, ReadsTheTrimmedTokenAndKeepsTheClientCertificate) {
    ASSERT_TRUE(writeTextFile(m_path, "\n  first-token \n"));
    auto source = open(Credentials{"", "CERT", "KEY", {}});
    ASSERT_NE(source, nullptr);
    const auto c = source->cached();
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->token, "first-token");
    EXPECT_EQ(c->clientCertificatePem, "CERT");
    EXPECT_EQ(c->clientKeyPem, "KEY");
}

TEST_F(TokenFileTest, NoticesARotatedFileAfterTheRecheckInterval) {
    ASSERT_TRUE(writeTextFile(m_path, "first-token"));
    auto source = open();
    ASSERT_NE(source, nullptr);
    ASSERT_TRUE(writeTextFile(m_path, "second-token-longer"));
    m_now += 1s;
    EXPECT_EQ(source->cached()->token, "first-token") << "checked again before the interval";
    m_now += 5s;
    EXPECT_EQ(source->cached()->token, "second-token-longer");
}

TEST_F(TokenFileTest, InvalidateEmptiesTheCacheAndRefreshRereads) {
    ASSERT_TRUE(writeTextFile(m_path, "first-token"));
    auto source = open();
    ASSERT_NE(source, nullptr);
    ASSERT_TRUE(writeTextFile(m_path, "other-token"));  // same size: mtime tells
    source->invalidate();
    EXPECT_FALSE(source->cached().has_value());
    auto fresh = source->refresh();
    ASSERT_TRUE(fresh.ok()) << fresh.error().message;
    EXPECT_EQ(fresh->token, "other-token");
    EXPECT_EQ(source->cached()->token, "other-token");
}

TEST_F(TokenFileTest, AFailedRereadKeepsTheLastTokenButRefreshReportsIt) {
    ASSERT_TRUE(writeTextFile(m_path, "first-token"));
    auto source = open();
    ASSERT_NE(source, nullptr);
    ASSERT_TRUE(QFile::remove(m_path));
    m_now += 10s;
    EXPECT_EQ(source->cached()->token, "first-token");
    auto fresh = source->refresh();
    ASSERT_FALSE(fresh.ok());
    EXPECT_EQ(fresh.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(fresh.error().message,
              "/k/config: user \"bot\": tokenFile \"token\": " + m_path.toStdString() +
                  ": cannot read: No such file or directory");
}

TEST_F(TokenFileTest, AnEmptyFileIsAnError) {
    ASSERT_TRUE(writeTextFile(m_path, " \n"));
    auto source =
        TokenFileCredentialSource::open(m_path.toStdString(), "/k/config: user \"bot\"", "token");
    ASSERT_FALSE(source.ok());
    EXPECT_EQ(source.error().message,
              "/k/config: user \"bot\": tokenFile \"token\": the file is empty");
}

}  // namespace
