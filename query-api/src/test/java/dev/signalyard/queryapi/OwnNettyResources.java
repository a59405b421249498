package dev.signalyard.queryapi;

import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives a query-api application that a test starts and closes itself its own Netty event loops and
 * connection pool. By default every application in a JVM shares Reactor Netty's global resources,
 * and closing one application disposes them: the other applications of the test JVM (cached test
 * contexts, a second replica, the test's own WebClient) would then hang or fail.
 */
@Configuration(proxyBeanMethods = false)
public class OwnNettyResources {

  @Bean
  ReactorResourceFactory reactorResourceFactory() {
    ReactorResourceFactory factory = new ReactorResourceFactory();
    factory.setUseGlobalResources(false);
    return factory;
  }

  /** {@code application} with its own Netty resources. */
  public static SpringApplication isolated(SpringApplication application) {
    application.addPrimarySources(List.of(OwnNettyResources.class));
    return application;
  }
}
