package io.herald.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.herald.transport.WebAssets;
import org.junit.jupiter.api.Test;

/**
 * The demo page and the SDK bundle are built into the jar (scripts/build-web.sh, run by Maven).
 * A build with {@code HERALD_SKIP_WEB=1} leaves the bundle out on purpose and skips this test.
 */
class BundledWebAssetsTest {

  @Test
  void demoPageAndSdkBundleAreBuiltIn() {
    assumeFalse("1".equals(System.getenv("HERALD_SKIP_WEB")), "built without the SDK bundle");
    WebAssets assets = BundledWebAssets.load("tok.en.here");

    String page = new String(assets.get("/").body(), UTF_8);
    assertThat(page).contains("content=\"tok.en.here\"").contains("demo/app.js")
        .doesNotContain(BundledWebAssets.TOKEN_PLACEHOLDER);
    assertThat(new String(assets.get("/demo/app.js").body(), UTF_8)).contains("../sdk/herald.js");
    WebAssets.Asset sdk = assets.get("/sdk/herald.js");
    assertThat(sdk).as("the SDK bundle; build needs npm (or HERALD_SKIP_WEB=1)").isNotNull();
    assertThat(sdk.contentType()).startsWith("text/javascript");
    assertThat(new String(sdk.body(), UTF_8)).contains("Herald").contains("export {");
  }

  @Test
  void withoutAPageTokenThePlaceholderIsEmptied() {
    String page = new String(BundledWebAssets.load(null).get("/").body(), UTF_8);
    assertThat(page).doesNotContain(BundledWebAssets.TOKEN_PLACEHOLDER);
  }
}
