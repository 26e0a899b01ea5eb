package dev.mmids.gradient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GradientApplication {

    public static void main(String[] args) {
        SpringApplication.run(GradientApplication.class, args);
    }
}
