package dev.signalyard.ingest.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MtAnswerTest {

  @Test
  void readsTheMtIdOfAnOkAnswer() {
    assertThat(MtAnswer.parse("OK,4114651")).contains(new MtAnswer.Queued("4114651"));
    assertThat(MtAnswer.parse("OK,4114651\r\n")).contains(new MtAnswer.Queued("4114651"));
  }

  @ParameterizedTest(name = "FAILED,{0},{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10|Invalid login credentials|false",
        "11|No RockBLOCK with this IMEI found on your account|false",
        "12|RockBLOCK has no line rental|false",
        "13|Your account has insufficient credit|false",
        "14|Could not decode hex data|false",
        "15|Data too long|false",
        "16|No data|false",
        "99|System Error|true"
      })
  void readsEveryDocumentedFailure(int code, String description, boolean transientError) {
    MtAnswer answer = MtAnswer.parse("FAILED," + code + "," + description).orElseThrow();

    assertThat(answer).isEqualTo(new MtAnswer.Refused(code, description));
    assertThat(((MtAnswer.Refused) answer).isTransient()).isEqualTo(transientError);
    assertThat(MtErrorCode.of(code)).get().extracting(MtErrorCode::meaning).isEqualTo(description);
  }

  @Test
  void keepsCommasInTheDescriptionAndFillsInAMissingOne() {
    assertThat(MtAnswer.parse("FAILED,15,Data too long, max 270 bytes"))
        .contains(new MtAnswer.Refused(15, "Data too long, max 270 bytes"));
    assertThat(MtAnswer.parse("FAILED,13"))
        .contains(new MtAnswer.Refused(13, "Your account has insufficient credit"));
  }

  @Test
  void treatsAnUndocumentedCodeAsPermanent() {
    MtAnswer.Refused answer = (MtAnswer.Refused) MtAnswer.parse("FAILED,17,New").orElseThrow();

    assertThat(answer.isTransient()).isFalse();
  }

  @Test
  void recognisesNothingElse() {
    assertThat(MtAnswer.parse("")).isEmpty();
    assertThat(MtAnswer.parse(null)).isEmpty();
    assertThat(MtAnswer.parse("OK")).isEmpty();
    assertThat(MtAnswer.parse("FAILED,abc,x")).isEmpty();
    assertThat(MtAnswer.parse("<html>Service Unavailable</html>")).isEmpty();
  }

  @Test
  void classifiesHttpAnswers() {
    assertThat(RockBlockMtClient.classify(200, "OK,42")).isEqualTo(new MtOutcome.Sent("42"));
    assertThat(RockBlockMtClient.classify(200, "FAILED,99,System Error"))
        .isEqualTo(new MtOutcome.Failed("99", "System Error", true));
    assertThat(RockBlockMtClient.classify(200, "FAILED,11,No RockBLOCK"))
        .isEqualTo(new MtOutcome.Failed("11", "No RockBLOCK", false));
    assertThat(RockBlockMtClient.classify(500, "oops"))
        .isEqualTo(new MtOutcome.Failed("HTTP_500", "RockBLOCK answered HTTP 500", true));
    assertThat(RockBlockMtClient.classify(503, ""))
        .extracting(o -> ((MtOutcome.Failed) o).retryable())
        .isEqualTo(true);
    assertThat(RockBlockMtClient.classify(404, "Not Found"))
        .isEqualTo(new MtOutcome.Failed("HTTP_404", "RockBLOCK answered HTTP 404", false));
    assertThat(RockBlockMtClient.classify(302, ""))
        .extracting(o -> ((MtOutcome.Failed) o).retryable())
        .isEqualTo(false);
    assertThat(RockBlockMtClient.classify(200, "<html/>"))
        .extracting(o -> ((MtOutcome.Failed) o).errorCode())
        .isEqualTo("BAD_ANSWER");
  }
}
